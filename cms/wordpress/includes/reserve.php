<?php
/**
 * Space for posts before any script runs: the reservation stylesheet (`assets/perch-reserve.css`,
 * written at build time from the loader's own rules, `src/cdn/reserve-rules.ts`) printed in
 * `<head>` before the loader, and a per-post height estimate put on the element when the
 * built-in endpoint's cache already holds the post. The estimate mirrors
 * `src/post/reserve-height.ts` (`estimatePostHeight`); keep the two in step.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** X's default embed width, used when none is given. */
const PERCH_RESERVE_DEFAULT_WIDTH = 550;

/** Enqueues the reservation stylesheet on front-end pages (render-blocking, so it holds from first paint). */
function perch_enqueue_reserve_style(): void {
	if ( ! perch_wants_scripts() ) {
		return;
	}
	wp_enqueue_style( 'perch-reserve', perch_asset_url( 'perch-reserve.css' ), array(), PERCH_VERSION );
}

/**
 * The height to reserve for a post on the page, from the cached model only (never a request
 * to X while the page is built), or null when the post is not cached.
 *
 * @param string               $id    Post id.
 * @param array<string, mixed> $attrs Element attributes (width, hide-cards, hide-thread).
 */
function perch_cached_reserve_height( string $id, array $attrs ): ?int {
	if ( 'server' === perch_setting( 'data_source' ) || ! function_exists( 'perch_posts_cached' ) ) {
		return null;
	}
	$entry = perch_posts_cached( $id );
	if ( ! is_array( $entry ) || ! isset( $entry['post'] ) || ! is_array( $entry['post'] ) ) {
		return null;
	}
	$kinds = perch_element_attributes()['perch-tweet'];
	$width = isset( $attrs['width'] ) ? perch_clean_attribute( $kinds['width'], $attrs['width'] ) : null;
	return perch_estimate_post_height(
		$entry['post'],
		is_string( $width ) ? (int) $width : PERCH_RESERVE_DEFAULT_WIDTH,
		isset( $attrs['hide-cards'] ) && true === perch_clean_attribute( 'bool', $attrs['hide-cards'] ),
		isset( $attrs['hide-thread'] ) && true === perch_clean_attribute( 'bool', $attrs['hide-thread'] )
	);
}

/** Box metrics of `post.styles.ts`, as in `reserve-height.ts`. */
function perch_reserve_metrics(): array {
	return array(
		'chrome'        => 2 + 12 + 4,
		'header'        => 48,
		'replyingTo'    => 22,
		'textGap'       => 12,
		'line'          => 24,
		'font'          => 20,
		'smallLine'     => 20,
		'smallFont'     => 15,
		'gap'           => 12,
		'media'         => -8,
		'footer'        => 12 + 20 + 12 + 1 + 4 + 34 + 4,
		'readMore'      => 52,
		'inset'         => 32,
		'quotedChrome'  => 2 + 12 + 12 + 20 + 4,
		'parentChrome'  => 36,
		'card'          => 24 + 20 * 3,
		'pollOption'    => 30,
		'pollMeta'      => 22,
		'space'         => 56,
	);
}

/** Lines `$text` takes at `$font_px` in a column `$column_px` wide (wide characters count double). */
function perch_reserve_text_lines( string $text, float $column_px, float $font_px ): int {
	if ( '' === trim( $text ) ) {
		return 0;
	}
	$per_line = max( 8, $column_px / ( $font_px * 0.5 ) );
	$lines    = 0;
	foreach ( explode( "\n", $text ) as $paragraph ) {
		$units = 0;
		foreach ( preg_split( '//u', $paragraph, -1, PREG_SPLIT_NO_EMPTY ) ?: array() as $ch ) {
			$cp     = mb_ord( $ch, 'UTF-8' );
			$wide   = $cp >= 0x1100 && ( $cp <= 0x115f || ( $cp >= 0x2e80 && $cp <= 0xa4cf ) || ( $cp >= 0xac00 && $cp <= 0xd7a3 ) || ( $cp >= 0xf900 && $cp <= 0xfaff ) || ( $cp >= 0xff00 && $cp <= 0xff60 ) || $cp >= 0x1f000 );
			$units += $wide ? 2 : 1;
		}
		$lines += max( 1, (int) ceil( $units / $per_line ) );
	}
	return $lines;
}

/**
 * Height of a post's media in a column.
 *
 * @param array<int, mixed> $media Media of the model.
 */
function perch_reserve_media_height( array $media, float $column_px ): float {
	if ( array() === $media || ! is_array( $media[0] ?? null ) ) {
		return 0;
	}
	$first = $media[0];
	if ( count( $media ) > 1 ) {
		$ratio = 9 / 16;
	} elseif ( 'photo' === ( $first['type'] ?? '' ) ) {
		$w     = (float) ( $first['width'] ?? 0 );
		$hh    = (float) ( $first['height'] ?? 0 );
		// As in JavaScript: a zero width gives a square (x / 0 is Infinity), 0 / 0 the default.
		$ratio = $w > 0 ? min( 1, max( $hh / $w, 1 / 2.25 ) ) : ( $hh > 0 ? 1 : 9 / 16 );
	} else {
		$aspect = $first['aspectRatio'] ?? array();
		$ratio  = is_array( $aspect ) && (float) ( $aspect[0] ?? 0 ) > 0 ? (float) ( $aspect[1] ?? 0 ) / (float) $aspect[0] : 9 / 16;
	}
	return perch_reserve_metrics()['media'] + perch_js_round( $column_px * $ratio );
}

/** JavaScript's `Math.round` (halves round up, also below zero). */
function perch_js_round( float $x ): int {
	return (int) floor( $x + 0.5 );
}

/**
 * The text a post shows (its display range, in code points).
 *
 * @param array<string, mixed> $post A post of the model.
 */
function perch_reserve_shown_text( array $post ): string {
	$t = is_array( $post['longText'] ?? null ) ? $post['longText'] : ( is_array( $post['text'] ?? null ) ? $post['text'] : array() );
	$text  = (string) ( $t['text'] ?? '' );
	$range = is_array( $t['displayRange'] ?? null ) ? $t['displayRange'] : array( 0, mb_strlen( $text, 'UTF-8' ) );
	return mb_substr( $text, (int) $range[0], max( 0, (int) $range[1] - (int) $range[0] ), 'UTF-8' );
}

/**
 * Estimated rendered height of a post model in a frame `$width` pixels wide.
 *
 * @param array<string, mixed> $result      A post or tombstone of the model.
 * @param int                  $width       Frame width.
 * @param bool                 $hide_cards  Cards hidden.
 * @param bool                 $hide_thread Thread hidden.
 */
function perch_estimate_post_height( array $result, int $width = PERCH_RESERVE_DEFAULT_WIDTH, bool $hide_cards = false, bool $hide_thread = false ): int {
	$l = perch_reserve_metrics();
	if ( 'tombstone' === ( $result['kind'] ?? '' ) ) {
		return $l['chrome'] + 60;
	}
	$column = min( PERCH_RESERVE_DEFAULT_WIDTH, max( 250, $width ) ) - $l['inset'];
	$h      = $l['chrome'] + $l['header'] + $l['footer'] + $l['readMore'];
	$lines  = perch_reserve_text_lines( perch_reserve_shown_text( $result ), $column, $l['font'] );
	if ( $lines > 0 ) {
		$h += $l['textGap'] + $lines * $l['line'];
	}
	if ( isset( $result['replyTo'] ) && ! $hide_thread ) {
		$h += $l['replyingTo'];
	}
	$h += perch_reserve_media_height( is_array( $result['media'] ?? null ) ? $result['media'] : array(), $column );
	$q  = $result['quoted'] ?? null;
	if ( is_array( $q ) ) {
		$h += $l['gap'] + ( 'post' === ( $q['kind'] ?? '' )
			? $l['quotedChrome'] + perch_reserve_text_lines( perch_reserve_shown_text( $q ), $column - 24, $l['smallFont'] ) * $l['smallLine'] + perch_reserve_media_height( is_array( $q['media'] ?? null ) ? $q['media'] : array(), $column - 2 )
			: 60 );
	}
	$card = $result['card'] ?? null;
	if ( is_array( $card ) && ! $hide_cards ) {
		$kind  = (string) ( $card['kind'] ?? '' );
		$large = 'summary_large_image' === $kind || 'player' === $kind;
		$image = is_array( $card['image'] ?? null ) ? $card['image'] : null;
		if ( 'audiospace' === $kind ) {
			$h += $l['gap'] + $l['space'];
		} else {
			$h += $l['gap'] + ( $large && null !== $image && (float) ( $image['width'] ?? 0 ) > 0 ? perch_js_round( $column * min( 1, (float) ( $image['height'] ?? 0 ) / (float) $image['width'] ) ) : 0 ) + $l['card'];
		}
	}
	if ( is_array( $result['poll'] ?? null ) ) {
		$h += $l['gap'] + count( is_array( $result['poll']['options'] ?? null ) ? $result['poll']['options'] : array() ) * $l['pollOption'] + $l['pollMeta'];
	}
	$parent = $result['parent'] ?? null;
	if ( is_array( $parent ) && ! $hide_thread ) {
		$h += 'post' === ( $parent['kind'] ?? '' )
			? $l['parentChrome'] + perch_reserve_text_lines( perch_reserve_shown_text( $parent ), $column - 56, $l['font'] ) * $l['line'] + perch_reserve_media_height( is_array( $parent['media'] ?? null ) ? $parent['media'] : array(), $column - 56 )
			: 80;
	}
	return perch_js_round( $h );
}

/** What a typical post measures (one photo, two lines), as `defaultReserveHeight()`. */
function perch_default_reserve_height( int $width = PERCH_RESERVE_DEFAULT_WIDTH ): int {
	$l = perch_reserve_metrics();
	return perch_js_round( $l['chrome'] + $l['header'] + $l['textGap'] + 2 * $l['line'] + $l['media'] + ( min( PERCH_RESERVE_DEFAULT_WIDTH, max( 250, $width ) ) - $l['inset'] ) * 0.5625 + $l['footer'] + $l['readMore'] );
}
