<?php
/**
 * Bootstrap for the unit tests that need WordPress's functions (escaping, sanitising, shortcodes):
 * loads the WordPress site at PERCH_WP_ROOT, where the test harness installed the plugin from its zip.
 *
 * @package Perch
 */

$perch_root = getenv( 'PERCH_WP_ROOT' );
if ( false === $perch_root || ! is_file( $perch_root . '/wp-load.php' ) ) {
	fwrite( STDERR, "PERCH_WP_ROOT must name an installed WordPress (test/wordpress/phpunit.test.ts sets it).\n" );
	exit( 1 );
}
$_SERVER['HTTP_HOST']      = (string) getenv( 'PERCH_WP_HOST' );
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
require $perch_root . '/wp-load.php';
if ( ! function_exists( 'perch_element' ) ) {
	fwrite( STDERR, "The Perch plugin is not active on that site.\n" );
	exit( 1 );
}
