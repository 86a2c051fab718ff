<?php
/**
 * Alert e-mails (wp_mail) when today's projected impressions cross a configured share of the
 * threshold: checked hourly on WP-Cron, at most one e-mail per level per UTC day. On multisite
 * the threshold is the network's (impressions-network.php): any site's cron checks the network's
 * total, and the levels mailed are remembered once for the network.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** WP-Cron hook that checks the levels. */
const PERCH_ALERTS_HOOK = 'perch_impressions_alerts';

/** Schedules the hourly check. */
function perch_schedule_alerts(): void {
	if ( 'off' !== perch_setting( 'impressions' ) && ! wp_next_scheduled( PERCH_ALERTS_HOOK ) ) {
		wp_schedule_event( time() + 120, 'hourly', PERCH_ALERTS_HOOK );
	}
}

/** WP-Cron entry (cron passes an empty argument, so the check is wrapped). */
function perch_run_alerts(): void {
	perch_check_alerts();
}

/**
 * Sends an e-mail when a level not yet reported today is reached.
 *
 * @param int|null $now Unix time (tests).
 * @return list<int> Levels reported by this run.
 */
function perch_check_alerts( ?int $now = null ): array {
	$now     = $now ?? time();
	$network = perch_impressions_network_wide();
	if ( $network ) {
		$projection = perch_network_projection( $now );
		$sent       = get_site_option( PERCH_NETWORK_ALERTS_OPTION, array() );
		$levels     = (string) perch_network_setting( 'alert_levels' );
	} else {
		$projection = perch_impressions_projection( $now );
		$sent       = get_option( 'perch_alerts_sent', array() );
		$levels     = (string) perch_setting( 'alert_levels' );
	}
	$percent = $projection['fraction'] * 100;
	$day     = gmdate( 'Y-m-d', $now );
	$sent    = is_array( $sent ) && ( $sent['day'] ?? '' ) === $day ? $sent : array(
		'day'    => $day,
		'levels' => array(),
	);
	$levels  = array_map( 'intval', explode( ',', $levels ) );
	$reached = array_values( array_filter( $levels, static fn( int $level ): bool => $level > 0 && $percent >= $level && ! in_array( $level, $sent['levels'], true ) ) );
	if ( array() === $reached ) {
		return array();
	}
	$top = max( $reached );
	if ( $network ) {
		$recipients = perch_network_alert_recipients();
		$name       = (string) get_network()->site_name;
		/* translators: 1: network name, 2: percentage level. */
		$subject = sprintf( __( '[%1$s] X embeds on the network: %2$d%% of the daily impressions threshold', 'perch' ), wp_specialchars_decode( $name, ENT_QUOTES ), $top );
		/* translators: 1: impressions so far, 2: projection, 3: threshold, 4: admin URL. */
		$text = __( "Embedded X posts and timelines on all sites of this network were shown %1\$s times today (UTC); the projection for the whole day is %2\$s, against a threshold of %3\$s.\n\nX asks publishers who expect more than 10 million daily impressions to contact them (Developer Policy II.E).\n\nDetails: %4\$s", 'perch' );
		$url  = network_admin_url( 'index.php?page=perch-impressions' );
	} else {
		$recipients = (string) perch_setting( 'alert_recipients' );
		/* translators: 1: site name, 2: percentage level. */
		$subject = sprintf( __( '[%1$s] X embeds: %2$d%% of the daily impressions threshold', 'perch' ), wp_specialchars_decode( (string) get_option( 'blogname' ), ENT_QUOTES ), $top );
		/* translators: 1: impressions so far, 2: projection, 3: threshold, 4: admin URL. */
		$text = __( "Embedded X posts and timelines on this site were shown %1\$s times today (UTC); the projection for the whole day is %2\$s, against a threshold of %3\$s.\n\nX asks publishers who expect more than 10 million daily impressions to contact them (Developer Policy II.E).\n\nDetails: %4\$s", 'perch' );
		$url  = admin_url( 'index.php?page=perch-impressions' );
	}
	$body = sprintf( $text, number_format_i18n( $projection['today'] ), number_format_i18n( $projection['projected'] ), number_format_i18n( $projection['threshold'] ), $url );
	if ( '' !== $recipients ) {
		wp_mail( $recipients, $subject, $body );
	}
	$sent['levels'] = array_values( array_unique( array_merge( $sent['levels'], $reached ) ) );
	if ( $network ) {
		update_site_option( PERCH_NETWORK_ALERTS_OPTION, $sent );
	} else {
		update_option( 'perch_alerts_sent', $sent, false );
	}
	return $reached;
}

/** The network's alert recipients: the main site's setting when set, else the network admin's address. */
function perch_network_alert_recipients(): string {
	if ( null !== perch_constant_value( 'PERCH_ALERT_RECIPIENTS' ) ) {
		return (string) perch_setting( 'alert_recipients' );
	}
	$saved = get_blog_option( get_main_site_id(), PERCH_OPTION, array() );
	if ( is_array( $saved ) && isset( $saved['alert_recipients'] ) ) {
		return (string) $saved['alert_recipients'];
	}
	return (string) get_site_option( 'admin_email', '' );
}
