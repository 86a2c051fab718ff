<?php
/**
 * The PHP normalizers make the golden model (written by the TypeScript normalizers) of every fixture.
 *
 * @package Perch
 */

use PHPUnit\Framework\TestCase;

final class Perch_Normalizers_Test extends TestCase {
	private const ROOT = __DIR__ . '/../../../..';

	/** Sorted keys at every level, as the golden files are written. */
	private static function canonical( mixed $value ): mixed {
		if ( $value instanceof stdClass ) {
			$value = get_object_vars( $value );
			ksort( $value, SORT_STRING );
			return (object) array_map( array( self::class, 'canonical' ), $value );
		}
		if ( is_array( $value ) ) {
			if ( array_is_list( $value ) ) {
				return array_map( array( self::class, 'canonical' ), $value );
			}
			ksort( $value, SORT_STRING );
			return (object) array_map( array( self::class, 'canonical' ), $value );
		}
		return $value;
	}

	public static function fixtures(): array {
		$out = array();
		foreach ( array( 'syndication', 'x-api-v2' ) as $dir ) {
			foreach ( glob( self::ROOT . "/fixtures/$dir/*.json" ) as $path ) {
				$out[ "$dir/" . basename( $path ) ] = array( $dir, basename( $path ) );
			}
		}
		return $out;
	}

	/** @dataProvider fixtures */
	public function test_fixture_matches_golden( string $dir, string $file ): void {
		$body = Perch_Json::decode( file_get_contents( self::ROOT . "/fixtures/$dir/$file" ) );
		if ( 'syndication' === $dir ) {
			$index = json_decode( file_get_contents( self::ROOT . '/fixtures/index.json' ), true );
			$model = Perch_Normalize_Syndication::normalize( $body, array_column( $index['posts'], 'id', 'file' )[ $file ] ?? '' );
		} elseif ( str_starts_with( $file, 'user-tweets-timeline' ) ) {
			$model = array_filter( Perch_Normalize_X_Api_V2::timeline( $body, array( 'now' => 1767225600000 ) ), fn( $v ) => null !== $v );
		} else {
			$model = array( 'results' => array_values( Perch_Normalize_X_Api_V2::lookup( $body, array( 'now' => 1767225600000 ) ) ) );
		}
		$golden = json_decode( file_get_contents( self::ROOT . "/cms/wordpress/tests/golden/$dir/$file" ) );
		$this->assertSame(
			json_encode( self::canonical( $golden ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ),
			json_encode( self::canonical( json_decode( json_encode( $model ) ) ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE )
		);
	}

	public function test_html_entities_decode_with_code_point_offsets(): void {
		$decoded = Perch_Text::decode_with_offsets( "a &amp; 😀 &lt;b&gt; &bogus; &#x1F600;" );
		$this->assertSame( 'a & 😀 <b> &bogus; 😀', $decoded['text'] );
		$this->assertSame( 2, $decoded['offsets'][2] );
		$this->assertSame( 3, $decoded['offsets'][7], 'the space after &amp; moves back four code points' );
		$this->assertCount( mb_strlen( "a &amp; 😀 &lt;b&gt; &bogus; &#x1F600;" ) + 1, $decoded['offsets'] );
	}

	public function test_a_payload_that_does_not_fit_is_refused_naming_the_field(): void {
		$this->expectException( Perch_Payload_Error::class );
		$this->expectExceptionMessage( '$.user' );
		Perch_Normalize_Syndication::normalize( Perch_Json::decode( '{"__typename":"Tweet","id_str":"1","text":"x","created_at":"2020-01-01T00:00:00Z"}' ) );
	}

	public function test_dates_are_never_relative_words(): void {
		$this->assertNull( Perch_Json::iso_time( 'now' ) );
		$this->assertNull( Perch_Json::iso_time( 'tomorrow' ) );
		$this->assertSame( '2023-03-29T14:34:41.000Z', Perch_Json::iso_time( 'Wed Mar 29 14:34:41 +0000 2023' ) );
	}
}
