<?php
/**
 * `GET /v1/media?url=…`: media from X's media hosts, fetched for the visitor so the browser never
 * contacts X. The same rules as perch-server (server/routes/media-proxy.ts): only https URLs on
 * X's media hosts, no redirects followed, only the media types the widgets use, never an upstream
 * error body, every answer sandboxed, nothing the visitor sent forwarded but Range and validators.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Media types the widgets load (images, MP4 video, HLS playlists and segments, WebVTT captions). */
const PERCH_PROXIED_MEDIA_TYPES = array( 'image/jpeg', 'image/png', 'image/webp', 'image/gif', 'video/mp4', 'audio/mp4', 'video/mp2t', 'application/x-mpegurl', 'application/vnd.apple.mpegurl', 'text/vtt' );

/** Headers on every answer of the proxy, errors included. */
const PERCH_MEDIA_SANDBOX = array(
	'Content-Security-Policy' => 'sandbox',
	'X-Content-Type-Options'  => 'nosniff',
);

/** Largest media relayed (bytes). */
const PERCH_MEDIA_MAX_BYTES = 64 * 1024 * 1024;

/** A proxy error, sandboxed. */
function perch_media_error( int $status, string $code, string $message, ?string $param = null, array $headers = array() ): WP_REST_Response {
	return perch_rest_error( $status, $code, $message, $param, array_merge( PERCH_MEDIA_SANDBOX, $headers ) );
}

/**
 * `GET /v1/media`.
 *
 * @param WP_REST_Request $request The request.
 */
function perch_rest_get_media( WP_REST_Request $request ): WP_REST_Response {
	$url = perch_rest_query_param( $request, 'url' );
	if ( null === $url || '' === $url ) {
		return perch_media_error( 400, 'missing-url', 'Pass url=<media URL on an X media host>.', 'url' );
	}
	if ( ! Perch_Safe_Urls::is_x_media_url( $url ) ) {
		return perch_media_error( 400, 'url-not-allowed', 'Only media on X media hosts can be fetched through this server.', 'url' );
	}
	if ( strlen( $url ) > 2048 ) {
		return perch_media_error( 400, 'url-too-long', 'Media URLs are limited to 2048 characters.', 'url' );
	}
	$parts = wp_parse_url( $url );
	$host  = strtolower( (string) ( $parts['host'] ?? '' ) );
	// One origin for every X media host (an egress proxy; tests), as perch-server's --media-upstream-url.
	$origin  = (string) perch_rest_constant( 'PERCH_MEDIA_UPSTREAM_URL', 'https://' . $host );
	$target  = untrailingslashit( $origin ) . ( $parts['path'] ?? '/' ) . ( isset( $parts['query'] ) ? '?' . $parts['query'] : '' );
	$forward = array();
	foreach ( array( 'range', 'if-none-match', 'if-modified-since' ) as $name ) {
		$value = $request->get_header( $name );
		if ( null !== $value && '' !== $value ) {
			$forward[ $name ] = $value;
		}
	}
	$response = wp_remote_get(
		$target,
		array(
			'timeout'             => 10,
			'redirection'         => 0,
			'headers'             => $forward,
			'cookies'             => array(),
			'user-agent'          => 'Perch media proxy',
			'limit_response_size' => PERCH_MEDIA_MAX_BYTES,
		)
	);
	if ( is_wp_error( $response ) ) {
		$timeout = str_contains( strtolower( $response->get_error_message() ), 'timed out' );
		return $timeout ? perch_media_error( 504, 'media-timeout', 'The media host did not answer in time.' ) : perch_media_error( 502, 'media-unreachable', 'The media host could not be reached.' );
	}
	$status = (int) wp_remote_retrieve_response_code( $response );
	if ( $status >= 300 && $status < 400 && 304 !== $status ) {
		return perch_media_error( 502, 'media-redirect', 'The media host redirected; redirects are not followed.' );
	}
	if ( 404 === $status || 410 === $status ) {
		return perch_media_error( 404, 'media-not-found', 'The media host has no such media.', null, array( 'Cache-Control' => 'public, max-age=300' ) );
	}
	if ( 416 === $status ) {
		return perch_media_error( 416, 'range-not-satisfiable', 'The requested range is outside the media.' );
	}
	if ( 200 !== $status && 206 !== $status && 304 !== $status ) {
		return perch_media_error( 502, 'media-upstream', "The media host answered $status." );
	}
	$type = strtolower( trim( explode( ';', (string) wp_remote_retrieve_header( $response, 'content-type' ) )[0] ) );
	if ( 304 !== $status && ! in_array( $type, PERCH_PROXIED_MEDIA_TYPES, true ) ) {
		return perch_media_error( 502, 'media-not-media', 'The media host answered with something that is not media the widgets use.' );
	}
	$headers = array_merge( PERCH_MEDIA_SANDBOX, array( 'Cache-Control' => 'public, max-age=86400, immutable' ) );
	if ( 304 !== $status ) {
		$headers['Content-Type'] = $type;
	}
	foreach ( array( 'content-range' => 'Content-Range', 'accept-ranges' => 'Accept-Ranges', 'etag' => 'ETag', 'last-modified' => 'Last-Modified' ) as $name => $out ) {
		$value = wp_remote_retrieve_header( $response, $name );
		if ( is_string( $value ) && '' !== $value ) {
			$headers[ $out ] = $value;
		}
	}
	return perch_rest_raw( $status, 304 === $status ? '' : (string) wp_remote_retrieve_body( $response ), $headers );
}
