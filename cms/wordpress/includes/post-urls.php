<?php
/**
 * Recognises X's post, profile and list URLs (twitter.com, x.com, mobile. and www.).
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Regex for a post URL; group 1 is the handle, group 2 the id. Used by the embed handlers too. */
const PERCH_POST_URL_PATTERN = '#^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w{1,15}|i/web|i)/status(?:es)?/(\d{1,20})(?:[/?\#].*)?$#i';

/**
 * The post a URL points at.
 *
 * @param string $url Candidate URL.
 * @return array{id: string, screen_name: string}|null
 */
function perch_parse_post_url( string $url ): ?array {
	if ( ! preg_match( PERCH_POST_URL_PATTERN, trim( $url ), $m ) ) {
		return null;
	}
	return array(
		'id'          => $m[2],
		'screen_name' => in_array( strtolower( $m[1] ), array( 'i', 'i/web' ), true ) ? '' : $m[1],
	);
}

/**
 * A post id from an id or a post URL.
 *
 * @param string $value An id or URL.
 */
function perch_post_id_from( string $value ): ?string {
	$value = trim( $value );
	if ( preg_match( '/^\d{1,20}$/', $value ) ) {
		return $value;
	}
	$post = perch_parse_post_url( $value );
	return null === $post ? null : $post['id'];
}

/**
 * The canonical URL of a post.
 *
 * @param string $id          Post id.
 * @param string $screen_name Author handle, when known.
 */
function perch_post_url( string $id, string $screen_name = '' ): string {
	return 'https://x.com/' . ( '' === $screen_name ? 'i/web' : rawurlencode( $screen_name ) ) . '/status/' . rawurlencode( $id );
}

/**
 * A timeline source from a profile or list URL.
 *
 * @param string $url Candidate URL.
 * @return array<string, string>|null Element attributes (`screen-name`, or `owner-screen-name` + `slug`).
 */
function perch_parse_timeline_url( string $url ): ?array {
	if ( preg_match( '#^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w{1,15})/lists/([\w-]{1,25})/?(?:[?\#].*)?$#i', trim( $url ), $m ) ) {
		return array(
			'owner-screen-name' => $m[1],
			'slug'              => $m[2],
		);
	}
	if ( preg_match( '#^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w{1,15})/?(?:[?\#].*)?$#i', trim( $url ), $m ) && ! in_array( strtolower( $m[1] ), array( 'i', 'home', 'intent', 'share', 'search', 'explore', 'settings' ), true ) ) {
		return array( 'screen-name' => $m[1] );
	}
	return null;
}
