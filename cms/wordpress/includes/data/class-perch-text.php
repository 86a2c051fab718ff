<?php
/**
 * X's payloads escape `&`, `<` and `>` in post text as HTML entities. They are decoded to plain
 * text (never parsed as HTML) with a map so entity offsets (Unicode code points) stay right.
 * A port of src/text/html-entities.ts.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || defined( 'PERCH_CLI' ) || exit;

/** Entity decoding with code-point offsets. */
final class Perch_Text {
	private const NAMED = array(
		'amp'  => '&',
		'lt'   => '<',
		'gt'   => '>',
		'quot' => '"',
		'apos' => "'",
		'nbsp' => "\u{00a0}",
	);

	/** Code points JavaScript's `/\s/u` matches. */
	private const SPACES = array( "\t", "\n", "\v", "\f", "\r", ' ', "\u{00a0}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}", "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{feff}" );

	/** The code points of a UTF-8 string. */
	public static function points( string $text ): array {
		return '' === $text ? array() : mb_str_split( $text, 1, 'UTF-8' );
	}

	/** Whether one code point is white space as JavaScript's `\s` has it. */
	public static function is_space( ?string $point ): bool {
		return null !== $point && in_array( $point, self::SPACES, true );
	}

	private static function decode_one( string $body ): ?string {
		if ( str_starts_with( $body, '#x' ) || str_starts_with( $body, '#X' ) ) {
			return self::from_code_point( (int) hexdec( substr( $body, 2 ) ) );
		}
		if ( str_starts_with( $body, '#' ) ) {
			return self::from_code_point( (int) substr( $body, 1 ) );
		}
		return self::NAMED[ $body ] ?? null;
	}

	private static function from_code_point( int $cp ): ?string {
		if ( $cp <= 0 || $cp > 0x10ffff || ( $cp >= 0xd800 && $cp <= 0xdfff ) ) {
			return null;
		}
		return mb_chr( $cp, 'UTF-8' );
	}

	/**
	 * Decode entities while tracking how code-point offsets move.
	 *
	 * @return array{text: string, offsets: int[]} `offsets[i]` is the decoded offset of original code point i (length + 1 entries).
	 */
	public static function decode_with_offsets( string $original ): array {
		$points  = self::points( $original );
		$n       = count( $points );
		$offsets = array();
		$out     = '';
		$out_len = 0;
		$i       = 0;
		while ( $i < $n ) {
			if ( '&' === $points[ $i ] ) {
				$rest = implode( '', array_slice( $points, $i, 12 ) );
				if ( preg_match( '/^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/', $rest, $m ) ) {
					$decoded = self::decode_one( $m[1] );
					if ( null !== $decoded ) {
						$consumed = strlen( $m[0] );
						for ( $k = 0; $k < $consumed; $k++ ) {
							$offsets[] = $out_len;
						}
						$out     .= $decoded;
						$out_len += mb_strlen( $decoded, 'UTF-8' );
						$i       += $consumed;
						continue;
					}
				}
			}
			$offsets[] = $out_len;
			$out      .= $points[ $i ];
			++$out_len;
			++$i;
		}
		$offsets[] = $out_len;
		return array(
			'text'    => $out,
			'offsets' => $offsets,
		);
	}
}
