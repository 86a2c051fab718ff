<?php
/**
 * Translations: the plugin's own `languages/` folder (perch.pot is the template), besides
 * what WordPress.org language packs install under wp-content/languages.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Loads the `perch` text domain for PHP strings. */
function perch_load_textdomain(): void {
	load_plugin_textdomain( 'perch', false, dirname( plugin_basename( PERCH_PLUGIN_FILE ) ) . '/languages' );
}

/** Points the editor script's `wp.i18n` strings at the same translations. */
function perch_set_script_translations(): void {
	if ( function_exists( 'wp_set_script_translations' ) && wp_script_is( 'perch-blocks-editor', 'registered' ) ) {
		wp_set_script_translations( 'perch-blocks-editor', 'perch', PERCH_PLUGIN_DIR . 'languages' );
	}
}
