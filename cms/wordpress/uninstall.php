<?php
/**
 * Removes everything the plugin stored: options, post meta, transients, tables, cron events.
 *
 * @package Perch
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/** Removes this site's data. */
function perch_uninstall_site(): void {
	global $wpdb;
	foreach ( array( 'perch_settings', 'perch_alerts_sent', 'perch_db_version', 'perch_impressions_db_version', 'perch_cached_posts' ) as $option ) {
		delete_option( $option );
	}
	delete_post_meta_by_key( 'perch_child_directed' );
	// Transients (and their timeouts) under the plugin's prefix.
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( '_transient_perch_' ) . '%', $wpdb->esc_like( '_transient_timeout_perch_' ) . '%' ) );
	$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}perch_impressions" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb.
	$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}perch_impression_seen" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	foreach ( _get_cron_array() ?: array() as $events ) {
		foreach ( array_keys( $events ) as $hook ) {
			if ( str_starts_with( (string) $hook, 'perch_' ) ) {
				wp_unschedule_hook( $hook );
			}
		}
	}
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $perch_site_id ) {
		switch_to_blog( (int) $perch_site_id );
		perch_uninstall_site();
		restore_current_blog();
	}
	delete_site_option( 'perch_network_alerts_sent' );
} else {
	perch_uninstall_site();
}
