<?php
/**
 * Plain output for feeds, REST content and e-mail: a blockquote with the post's text,
 * author and link. No custom elements, no script.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Whether this output is read outside a browser page (feeds, REST). */
function perch_plain_context(): bool {
	return is_feed() || ( defined( 'REST_REQUEST' ) && REST_REQUEST && ! perch_is_block_renderer_request() );
}

/** The block editor's preview request renders like the front end. */
function perch_is_block_renderer_request(): bool {
	$route = isset( $GLOBALS['wp'] ) && is_object( $GLOBALS['wp'] ) ? (string) ( $GLOBALS['wp']->query_vars['rest_route'] ?? '' ) : '';
	return str_starts_with( $route, '/wp/v2/block-renderer/' );
}

/**
 * A post as a plain blockquote.
 *
 * @param string $id          Post id.
 * @param string $screen_name Author handle when known.
 */
function perch_plain_post( string $id, string $screen_name ): string {
	$model = perch_post_model( $id );
	if ( null === $model ) {
		$url = perch_post_url( $id, $screen_name );
		return '<blockquote class="perch-post"><p>' . perch_fallback_link( $url, __( 'View this post on X', 'perch' ) ) . '</p></blockquote>';
	}
	$text   = (string) ( $model['text']['text'] ?? '' );
	$name   = (string) ( $model['author']['name'] ?? '' );
	$handle = (string) ( $model['author']['handle'] ?? $screen_name );
	$url    = is_string( $model['url'] ?? null ) ? $model['url'] : perch_post_url( $id, $handle );
	$date   = strtotime( (string) ( $model['createdAt'] ?? '' ) );
	$when   = false === $date ? __( 'View on X', 'perch' ) : wp_date( get_option( 'date_format' ), $date );
	return '<blockquote class="perch-post"><p>' . nl2br( esc_html( $text ) ) . '</p>&mdash; ' . esc_html( $name ) . ' (@' . esc_html( $handle ) . ') ' . perch_fallback_link( $url, (string) $when ) . '</blockquote>';
}
