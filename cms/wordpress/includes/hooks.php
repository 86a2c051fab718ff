<?php
/**
 * Wires the plugin's hooks to the named functions in the files beside this one.
 * Nothing else runs when the plugin is loaded.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

// Translations, before anything else on init uses them.
add_action( 'init', 'perch_load_textdomain', 0 );

// Page configuration and the loader.
add_action( 'wp_enqueue_scripts', 'perch_enqueue_reserve_style' );
add_action( 'wp_enqueue_scripts', 'perch_enqueue_loader' );
add_filter( 'script_loader_tag', 'perch_script_tag', 10, 2 );
add_filter( 'script_loader_tag', 'perch_block_x_enqueued_script', 20, 3 );
add_action( 'wp_head', 'perch_print_meta_tags', 1 );

// Writing: shortcodes, pasted URLs, old embeds, old pasted markup.
add_action( 'init', 'perch_register_shortcodes' );
add_action( 'init', 'perch_register_embed_handlers' );
add_filter( 'render_block', 'perch_render_core_embed', 10, 2 );
add_filter( 'rest_pre_dispatch', 'perch_oembed_proxy', 10, 3 );
add_filter( 'the_content', 'perch_strip_x_script', 20 );
add_filter( 'widget_text_content', 'perch_strip_x_script', 20 );
add_filter( 'widget_block_content', 'perch_strip_x_script', 20 );
// Static HTML from an embed server goes in after every other content filter.
add_filter( 'the_content', 'perch_fill_static_posts', PHP_INT_MAX );
add_filter( 'widget_text_content', 'perch_fill_static_posts', PHP_INT_MAX );
add_filter( 'widget_block_content', 'perch_fill_static_posts', PHP_INT_MAX );

// Consent and privacy.
add_action( 'init', 'perch_declare_cookies' );
add_filter( 'wp_consent_api_registered_' . plugin_basename( PERCH_PLUGIN_FILE ), '__return_true' );
add_action( 'admin_init', 'perch_add_privacy_policy_content' );

// Settings.
add_action( 'init', 'perch_register_settings' );
add_action( 'admin_menu', 'perch_add_settings_page' );
add_action( 'admin_init', 'perch_add_settings_fields' );
add_action( 'add_meta_boxes', 'perch_add_post_meta_box' );
add_action( 'save_post', 'perch_save_post_meta_box' );

// Blocks.
add_filter( 'block_type_metadata', 'perch_block_metadata' );
add_action( 'init', 'perch_register_blocks' );
add_action( 'init', 'perch_set_script_translations', 11 );
add_action( 'enqueue_block_editor_assets', 'perch_enqueue_editor_assets' );

// Admin: impressions and Site Health.
add_action( 'admin_menu', 'perch_add_impressions_page' );
add_action( 'wp_dashboard_setup', 'perch_add_dashboard_widget' );
add_action( 'network_admin_menu', 'perch_add_network_impressions_page' );
add_action( 'wp_network_dashboard_setup', 'perch_add_dashboard_widget' );
add_filter( 'site_status_tests', 'perch_site_health_tests' );
add_action( 'init', 'perch_schedule_alerts' );
add_action( PERCH_ALERTS_HOOK, 'perch_run_alerts' );

// The built-in endpoint (includes/rest/) wires its own hooks.
if ( function_exists( 'perch_rest_hooks' ) ) {
	perch_rest_hooks();
}
