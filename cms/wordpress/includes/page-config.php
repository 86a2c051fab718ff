<?php
/**
 * The page-level configuration, printed once per page: the meta tags the widgets read,
 * the consent configuration, and the loader script from this plugin's own folder.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** URL of a file in the plugin's built assets. */
function perch_asset_url( string $path ): string {
	return plugins_url( 'assets/' . ltrim( $path, '/' ), PERCH_PLUGIN_FILE );
}

/** Whether Perch output belongs on this request (front end, not feeds). */
function perch_wants_scripts(): bool {
	return ! is_admin() && ! is_feed() && ! ( defined( 'REST_REQUEST' ) && REST_REQUEST );
}

/** Registers and enqueues the loader on front-end pages. */
function perch_enqueue_loader(): void {
	if ( ! perch_wants_scripts() ) {
		return;
	}
	wp_register_script( 'perch', perch_asset_url( 'perch.js' ), array(), PERCH_VERSION, false );
	wp_add_inline_script( 'perch', 'window.PerchConfig=Object.assign(' . wp_json_encode( perch_script_config() ) . ',window.PerchConfig||{});', 'before' );
	wp_enqueue_script( 'perch' );
}

/**
 * The part of the configuration no meta tag carries (consent mode, impressions).
 *
 * @return array<string, mixed>
 */
function perch_script_config(): array {
	$config = array(
		'consent'     => array(
			'mode'                    => (string) perch_setting( 'consent_mode' ),
			'firstPartyBeforeConsent' => true === perch_setting( 'first_party_before_consent' ),
		),
		'impressions' => (string) perch_setting( 'impressions' ),
	);
	if ( perch_child_directed() ) {
		$config['consent']['childDirected'] = true;
	}
	return $config;
}

/**
 * Adds `async` to the loader's tag (WordPress 6.1 has no loading strategies).
 *
 * @param string $tag    The script tag.
 * @param string $handle Script handle.
 */
function perch_script_tag( string $tag, string $handle ): string {
	if ( 'perch' !== $handle || str_contains( $tag, ' async' ) ) {
		return $tag;
	}
	return preg_replace( '/<script(?=[^>]*\ssrc=)/', '<script async', $tag, 1 ) ?? $tag;
}

/**
 * The meta tags the widgets read.
 *
 * @return array<string, string> name => content
 */
function perch_meta_tags(): array {
	$tags = array(
		'perch:server' => perch_server_url(),
		'perch:theme'  => (string) perch_setting( 'theme' ),
	);
	if ( perch_child_directed() ) {
		$tags['twitter:dnt']          = 'on';
		$tags['perch:child-directed'] = 'on';
	}
	return $tags;
}

/** Prints the meta tags in `<head>`. */
function perch_print_meta_tags(): void {
	if ( ! perch_wants_scripts() ) {
		return;
	}
	foreach ( perch_meta_tags() as $name => $content ) {
		printf( '<meta name="%s" content="%s">' . "\n", esc_attr( $name ), esc_attr( $content ) );
	}
}
