<?php
/**
 * A post's model (JSON of the embed server contract) for output without JavaScript:
 * from the built-in endpoint (`perch_get_post_model()`), or from the configured embed server
 * when that is the data source, cached in a transient well within X's 24-hour rule.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Seconds a fetched model is kept for plain output. */
const PERCH_PLAIN_CACHE_SECONDS = HOUR_IN_SECONDS;

/**
 * The post model, or null when unknown or unavailable.
 *
 * @param string $id Post id.
 * @return array<string, mixed>|null
 */
function perch_post_model( string $id ): ?array {
	// The site's own endpoint answers unless a Perch embed server is the data source.
	if ( 'server' !== perch_setting( 'data_source' ) && function_exists( 'perch_get_post_model' ) ) {
		$model = perch_get_post_model( $id );
		return is_array( $model ) ? $model : null;
	}
	$key    = 'perch_plain_' . $id;
	$cached = get_transient( $key );
	if ( is_array( $cached ) ) {
		return array() === $cached ? null : $cached;
	}
	if ( 'server' !== perch_setting( 'data_source' ) ) {
		return null;
	}
	$response = wp_remote_get(
		perch_server_url() . '/v1/tweets?ids=' . rawurlencode( $id ),
		array(
			'timeout'     => 5,
			'redirection' => 0,
		)
	);
	$model = null;
	if ( ! is_wp_error( $response ) && 200 === wp_remote_retrieve_response_code( $response ) ) {
		$body  = json_decode( wp_remote_retrieve_body( $response ), true );
		$first = is_array( $body ) && isset( $body['results'][0] ) && is_array( $body['results'][0] ) ? $body['results'][0] : null;
		$model = null !== $first && 'post' === ( $first['kind'] ?? '' ) ? $first : null;
	}
	set_transient( $key, $model ?? array(), null === $model ? 5 * MINUTE_IN_SECONDS : PERCH_PLAIN_CACHE_SECONDS );
	return $model;
}
