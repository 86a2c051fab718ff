<?php
/**
 * Tools → Site Health: the data endpoint, credentials, object cache, consent platform and
 * impressions threshold, each a direct test.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/**
 * Adds Perch's tests.
 *
 * @param array<string, mixed> $tests Site Health tests.
 * @return array<string, mixed>
 */
function perch_site_health_tests( array $tests ): array {
	$ours = array(
		'perch_endpoint'     => array( __( 'X embeds: data endpoint', 'perch' ), 'perch_health_endpoint' ),
		'perch_credentials'  => array( __( 'X embeds: X API credentials', 'perch' ), 'perch_health_credentials' ),
		'perch_object_cache' => array( __( 'X embeds: shared cache', 'perch' ), 'perch_health_object_cache' ),
		'perch_consent'      => array( __( 'X embeds: consent platform', 'perch' ), 'perch_health_consent' ),
		'perch_threshold'    => array( __( 'X embeds: daily impressions', 'perch' ), 'perch_health_threshold' ),
	);
	foreach ( $ours as $id => list( $label, $callback ) ) {
		$tests['direct'][ $id ] = array(
			'label' => $label,
			'test'  => $callback,
		);
	}
	return $tests;
}

/**
 * One Site Health result.
 *
 * @param string $test        Test id.
 * @param string $status      good, recommended or critical.
 * @param string $label       Headline.
 * @param string $description Explanation (plain text).
 */
function perch_health_result( string $test, string $status, string $label, string $description ): array {
	return array(
		'label'       => $label,
		'status'      => $status,
		'badge'       => array(
			'label' => __( 'X embeds', 'perch' ),
			'color' => 'good' === $status ? 'blue' : ( 'critical' === $status ? 'red' : 'orange' ),
		),
		'description' => '<p>' . esc_html( $description ) . '</p>',
		'actions'     => '',
		'test'        => $test,
	);
}

/** The endpoint answers: the built-in routes are registered, or the embed server's health check passes. */
function perch_health_endpoint(): array {
	if ( 'server' === perch_setting( 'data_source' ) ) {
		$url      = perch_server_url() . '/healthz';
		$response = wp_remote_get( $url, array( 'timeout' => 5 ) );
		$code     = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
		return 200 === $code
			? perch_health_result( 'perch_endpoint', 'good', __( 'The Perch embed server answers', 'perch' ), $url )
			: perch_health_result( 'perch_endpoint', 'critical', __( 'The Perch embed server does not answer', 'perch' ), sprintf( /* translators: 1: URL, 2: HTTP status or 0. */ __( '%1$s answered %2$d. Posts cannot be shown until it does.', 'perch' ), $url, $code ) );
	}
	$routes = rest_get_server()->get_routes();
	return isset( $routes['/perch/v1/tweets'] )
		? perch_health_result( 'perch_endpoint', 'good', __( 'The built-in endpoint is active', 'perch' ), rest_url( 'perch/v1/tweets' ) )
		: perch_health_result( 'perch_endpoint', 'critical', __( 'The built-in endpoint is missing', 'perch' ), __( 'The REST routes under /perch/v1 are not registered; reinstall the plugin or set an embed server.', 'perch' ) );
}

/** A bearer token is configured (or syndication data is used without one). */
function perch_health_credentials(): array {
	if ( 'server' === perch_setting( 'data_source' ) ) {
		return perch_health_result( 'perch_credentials', 'good', __( 'Credentials are kept by the embed server', 'perch' ), __( 'The embed server holds the X API credentials; none are needed here.', 'perch' ) );
	}
	return '' !== (string) perch_setting( 'x_bearer_token' )
		? perch_health_result( 'perch_credentials', 'good', __( 'An X API bearer token is configured', 'perch' ), perch_setting_locked( 'x_bearer_token' ) ? __( 'Set by PERCH_X_BEARER_TOKEN in wp-config.php.', 'perch' ) : __( 'Stored in the settings (never shown).', 'perch' ) )
		: perch_health_result( 'perch_credentials', 'recommended', __( 'No X API bearer token', 'perch' ), __( 'Posts come from X\'s syndication data; timelines need an X API bearer token (PERCH_X_BEARER_TOKEN or Settings → Perch).', 'perch' ) );
}

/** A persistent object cache shares cached posts across web servers. */
function perch_health_object_cache(): array {
	return wp_using_ext_object_cache()
		? perch_health_result( 'perch_object_cache', 'good', __( 'Cached posts are shared through the object cache', 'perch' ), __( 'A persistent object cache is in use.', 'perch' ) )
		: perch_health_result( 'perch_object_cache', 'good', __( 'Cached posts are kept in the database', 'perch' ), __( 'No persistent object cache: fine on one web server; with several, an object cache (Redis, Memcached) lets them share cached posts.', 'perch' ) );
}

/** A consent platform Perch reads is present, or consent is not required. */
function perch_health_consent(): array {
	if ( 'not-required' === perch_setting( 'consent_mode' ) ) {
		return perch_health_result( 'perch_consent', 'good', __( 'Consent is declared not required', 'perch' ), __( 'Posts load without asking.', 'perch' ) );
	}
	if ( function_exists( 'wp_has_consent' ) ) {
		return perch_health_result( 'perch_consent', 'good', __( 'The WP Consent API is active', 'perch' ), __( 'Perch follows the visitor\'s marketing consent.', 'perch' ) );
	}
	return perch_health_result( 'perch_consent', 'recommended', __( 'No consent platform detected on the server', 'perch' ), __( 'Perch asks visitors itself (or reads an IAB TCF or GPP platform in the browser). With the WP Consent API, a cookie banner\'s choice applies to X embeds too.', 'perch' ) );
}

/** Today's projection against the threshold and the alert levels. */
function perch_health_threshold(): array {
	$p       = perch_threshold_projection();
	$percent = $p['fraction'] * 100;
	$levels  = array_map( 'intval', explode( ',', (string) ( perch_impressions_network_wide() ? perch_network_setting( 'alert_levels' ) : perch_setting( 'alert_levels' ) ) ) );
	$first   = min( $levels ?: array( 50 ) );
	/* translators: 1: projected impressions, 2: percentage of the threshold. */
	$text = sprintf( __( 'Projected today: %1$s impressions (%2$s%% of the daily threshold).', 'perch' ), number_format_i18n( $p['projected'] ), number_format_i18n( $percent, 1 ) );
	if ( $percent >= 100 ) {
		return perch_health_result( 'perch_threshold', 'critical', __( 'Embeds are over X\'s daily impressions threshold', 'perch' ), $text . ' ' . __( 'X asks publishers above 10 million daily impressions to contact them.', 'perch' ) );
	}
	return $percent >= $first
		? perch_health_result( 'perch_threshold', 'recommended', __( 'Embeds are nearing X\'s daily impressions threshold', 'perch' ), $text )
		: perch_health_result( 'perch_threshold', 'good', __( 'Embeds are well below X\'s daily impressions threshold', 'perch' ), $text );
}
