<?php
/**
 * Reads the impressions collector's daily totals (`{prefix}perch_impressions`: day, kind, type,
 * post_id, count), defensively: a missing table or column reads as no impressions.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** The totals table's name, or null when it does not exist (yet). */
function perch_impressions_table(): ?string {
	global $wpdb;
	$table = $wpdb->prefix . 'perch_impressions';
	$found = $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) );
	return $found === $table ? $table : null;
}

/** The event type counted as an impression: rendered embeds (X counts what was rendered). */
const PERCH_IMPRESSION_TYPE = 'rendered';

/**
 * Daily totals for the last `$days` UTC days, oldest first, days without impressions as 0.
 *
 * @param int $days Number of days, today included.
 * @return array<string, int> `Y-m-d` => count
 */
function perch_impressions_daily( int $days = 30 ): array {
	global $wpdb;
	$totals = array();
	$today  = gmdate( 'Y-m-d' );
	for ( $i = $days - 1; $i >= 0; $i-- ) {
		$totals[ gmdate( 'Y-m-d', strtotime( "$today -$i days" ) ) ] = 0;
	}
	$table = perch_impressions_table();
	if ( null === $table ) {
		return $totals;
	}
	$rows = $wpdb->get_results( $wpdb->prepare( "SELECT day, SUM(count) AS total FROM {$table} WHERE day >= %s AND type = %s GROUP BY day", array_key_first( $totals ), PERCH_IMPRESSION_TYPE ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb.
	foreach ( is_array( $rows ) ? $rows : array() as $row ) {
		$day = substr( (string) ( $row['day'] ?? '' ), 0, 10 );
		if ( isset( $totals[ $day ] ) ) {
			$totals[ $day ] = (int) $row['total'];
		}
	}
	return $totals;
}

/**
 * Posts (and timelines) with the most impressions over the last `$days` days.
 *
 * @param int $days  Days, today included.
 * @param int $limit Rows.
 * @return list<array{kind: string, id: string, count: int}>
 */
function perch_impressions_top( int $days = 7, int $limit = 10 ): array {
	global $wpdb;
	$table = perch_impressions_table();
	if ( null === $table ) {
		return array();
	}
	$since = gmdate( 'Y-m-d', time() - ( $days - 1 ) * DAY_IN_SECONDS );
	$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT kind, post_id, SUM(count) AS total FROM {$table} WHERE day >= %s AND type = %s GROUP BY kind, post_id ORDER BY total DESC LIMIT %d", $since, PERCH_IMPRESSION_TYPE, $limit ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	$top   = array();
	foreach ( is_array( $rows ) ? $rows : array() as $row ) {
		$top[] = array(
			'kind'  => (string) ( $row['kind'] ?? 'post' ),
			'id'    => (string) ( $row['post_id'] ?? '' ),
			'count' => (int) ( $row['total'] ?? 0 ),
		);
	}
	return $top;
}

/**
 * Today's total and its projection to the end of the UTC day (linear in the time elapsed).
 *
 * @param int|null $now Unix time (tests).
 * @return array{today: int, projected: int, threshold: int, fraction: float}
 */
function perch_impressions_projection( ?int $now = null ): array {
	$now   = $now ?? time();
	$daily = perch_impressions_daily( 1 );
	return perch_impressions_project( (int) ( $daily[ gmdate( 'Y-m-d', $now ) ] ?? 0 ), (int) perch_setting( 'impressions_threshold' ), $now );
}

/**
 * Projects `$today` (impressions so far this UTC day) to the end of the day.
 *
 * @param int $today     Impressions so far today.
 * @param int $threshold Daily threshold.
 * @param int $now       Unix time.
 * @return array{today: int, projected: int, threshold: int, fraction: float}
 */
function perch_impressions_project( int $today, int $threshold, int $now ): array {
	$elapsed   = max( 600, $now % DAY_IN_SECONDS ); // at least ten minutes, so the first minutes do not explode
	$projected = max( $today, (int) round( $today * DAY_IN_SECONDS / $elapsed ) );
	$threshold = max( 1, $threshold );
	return array(
		'today'     => $today,
		'projected' => $projected,
		'threshold' => $threshold,
		'fraction'  => $projected / $threshold,
	);
}
