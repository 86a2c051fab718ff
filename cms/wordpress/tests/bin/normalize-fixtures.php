<?php
/**
 * Normalizes every fixture (fixtures/syndication, fixtures/x-api-v2) with the plugin's PHP
 * normalizers, the way scripts/make-wordpress-golden.ts does with the TypeScript ones, and prints
 * one JSON object: { "<dir>/<file>": model, … }. Used by the golden parity test.
 *
 *   php cms/wordpress/tests/bin/normalize-fixtures.php <repository root>
 *
 * @package Perch
 */

define( 'PERCH_CLI', true );
require_once __DIR__ . '/../../includes/data/load.php';

const PERCH_GOLDEN_NOW = 1767225600000; // 2026-01-01T00:00:00Z, as in the golden script.

$root  = rtrim( $argv[1] ?? getcwd(), '/' );
$index = json_decode( file_get_contents( "$root/fixtures/index.json" ), true );
$ids   = array_column( $index['posts'], 'id', 'file' );
$out   = array();
foreach ( array( 'syndication', 'x-api-v2' ) as $dir ) {
	$files = glob( "$root/fixtures/$dir/*.json" );
	sort( $files );
	foreach ( $files as $path ) {
		$file = basename( $path );
		$body = Perch_Json::decode( file_get_contents( $path ) );
		try {
			if ( 'syndication' === $dir ) {
				$model = Perch_Normalize_Syndication::normalize( $body, $ids[ $file ] ?? '' );
			} elseif ( str_starts_with( $file, 'user-tweets-timeline' ) ) {
				$model = array_filter( Perch_Normalize_X_Api_V2::timeline( $body, array( 'now' => PERCH_GOLDEN_NOW ) ), fn( $v ) => null !== $v );
			} else {
				$model = array( 'results' => array_values( Perch_Normalize_X_Api_V2::lookup( $body, array( 'now' => PERCH_GOLDEN_NOW ) ) ) );
			}
		} catch ( Perch_Payload_Error $e ) {
			$model = array( 'error' => $e->getMessage() );
		}
		$out[ "$dir/$file" ] = $model;
	}
}
echo json_encode( $out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION ), "\n";
