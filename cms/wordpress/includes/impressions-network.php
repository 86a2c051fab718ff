<?php
/**
 * Multisite: X's 10 million daily threshold is per publisher app, so on a network it applies to
 * every site's impressions together. Each site keeps its own totals (`{site prefix}perch_impressions`);
 * the network's total is their sum, shown on Network Admin → Dashboard → X impressions and
 * checked by the alerts. The network's threshold, levels and recipients are the main site's
 * settings (or the `wp-config.php` constants, which hold for every site).
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Network option remembering which alert levels were mailed today. */
const PERCH_NETWORK_ALERTS_OPTION = 'perch_network_alerts_sent';

/** Whether impressions are counted against the network's total (a multisite install). */
function perch_impressions_network_wide(): bool {
	return is_multisite();
}

/**
 * Today's rendered impressions on every site of the current network (sites without a
 * totals table count 0).
 *
 * @param int|null $now Unix time (tests).
 * @return list<array{id: int, name: string, url: string, today: int}>
 */
function perch_network_sites_today( ?int $now = null ): array {
	global $wpdb;
	$day    = gmdate( 'Y-m-d', $now ?? time() );
	$tables = array_flip( (array) $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', '%' . $wpdb->esc_like( 'perch_impressions' ) ) ) );
	$rows   = array();
	foreach ( get_sites( array( 'network_id' => get_current_network_id(), 'number' => 0, 'fields' => 'ids' ) ) as $id ) {
		$id    = (int) $id;
		$table = $wpdb->get_blog_prefix( $id ) . 'perch_impressions';
		$today = 0;
		if ( isset( $tables[ $table ] ) ) {
			$today = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(count), 0) FROM {$table} WHERE day = %s AND type = %s", $day, PERCH_IMPRESSION_TYPE ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb.
		}
		$details = get_site( $id );
		$rows[]  = array(
			'id'    => $id,
			'name'  => null !== $details ? (string) $details->blogname : (string) $id,
			'url'   => get_home_url( $id, '/' ),
			'today' => $today,
		);
	}
	return $rows;
}

/**
 * A setting as it holds for the whole network: the main site's value.
 *
 * @param string $key Setting key.
 * @return mixed
 */
function perch_network_setting( string $key ) {
	$main = get_main_site_id();
	if ( get_current_blog_id() === $main ) {
		$value = perch_setting( $key );
	} else {
		switch_to_blog( $main );
		$value = perch_setting( $key );
		restore_current_blog();
	}
	return $value;
}

/**
 * The network's total today and its projection against the network's threshold.
 *
 * @param int|null $now Unix time (tests).
 * @return array{today: int, projected: int, threshold: int, fraction: float}
 */
function perch_network_projection( ?int $now = null ): array {
	$now   = $now ?? time();
	$today = array_sum( array_column( perch_network_sites_today( $now ), 'today' ) );
	return perch_impressions_project( $today, (int) perch_network_setting( 'impressions_threshold' ), $now );
}

/**
 * The projection the threshold is judged on: the network's on multisite, else the site's.
 *
 * @param int|null $now Unix time (tests).
 * @return array{today: int, projected: int, threshold: int, fraction: float}
 */
function perch_threshold_projection( ?int $now = null ): array {
	return perch_impressions_network_wide() ? perch_network_projection( $now ) : perch_impressions_projection( $now );
}

/** Adds the page under the network admin's Dashboard. */
function perch_add_network_impressions_page(): void {
	add_submenu_page( 'index.php', __( 'X embed impressions', 'perch' ), __( 'X impressions', 'perch' ), 'manage_network_options', 'perch-impressions', 'perch_render_network_impressions_page' );
}

/** One sentence on today's total, its projection and the share of the threshold. */
function perch_projection_sentence( array $projection ): string {
	return sprintf(
		/* translators: 1: impressions today, 2: projected total, 3: threshold, 4: percentage. */
		__( 'Today (UTC): %1$s impressions, projected %2$s by the end of the day — %4$s%% of the %3$s daily threshold.', 'perch' ),
		number_format_i18n( $projection['today'] ),
		number_format_i18n( $projection['projected'] ),
		number_format_i18n( $projection['threshold'] ),
		number_format_i18n( $projection['fraction'] * 100, 1 )
	);
}

/** The network page: the whole network's total today, then each site's. */
function perch_render_network_impressions_page(): void {
	if ( ! current_user_can( 'manage_network_options' ) ) {
		return;
	}
	$now   = time();
	$sites = perch_network_sites_today( $now );
	$total = perch_impressions_project( array_sum( array_column( $sites, 'today' ) ), (int) perch_network_setting( 'impressions_threshold' ), $now );
	echo '<div class="wrap perch-impressions perch-network-impressions"><h1>' . esc_html__( 'X embed impressions on the network', 'perch' ) . '</h1>';
	echo '<p>' . esc_html__( 'X\'s daily threshold applies to all sites of the network together.', 'perch' ) . '</p>';
	printf( '<p class="perch-projection">%s</p>', esc_html( perch_projection_sentence( $total ) ) );
	echo '<table class="widefat striped perch-sites"><thead><tr><th>' . esc_html__( 'Site', 'perch' ) . '</th><th>' . esc_html__( 'Impressions today', 'perch' ) . '</th></tr></thead><tbody>';
	foreach ( $sites as $site ) {
		printf(
			'<tr data-site="%d"><td><a href="%s">%s</a></td><td>%s</td></tr>',
			(int) $site['id'],
			esc_url( get_admin_url( $site['id'], 'index.php?page=perch-impressions' ) ),
			esc_html( '' !== $site['name'] ? $site['name'] : $site['url'] ),
			esc_html( number_format_i18n( $site['today'] ) )
		);
	}
	printf( '</tbody><tfoot><tr><th>%s</th><th class="perch-network-total">%s</th></tr></tfoot></table></div>', esc_html__( 'Whole network', 'perch' ), esc_html( number_format_i18n( $total['today'] ) ) );
}
