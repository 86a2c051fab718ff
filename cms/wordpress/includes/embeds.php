<?php
/**
 * Pasted post URLs: twitter.com and x.com status links become Perch posts in the classic
 * editor (embed handlers), and existing `core/embed` blocks for X render through Perch.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Registers the embed handlers for twitter.com and x.com status, profile and list URLs. */
function perch_register_embed_handlers(): void {
	// Core's oEmbed provider for twitter.com would ask X; Perch answers locally instead.
	wp_oembed_remove_provider( '#https?://(www\.)?twitter\.com/\w{1,15}/status(es)?/.*#i' );
	wp_oembed_remove_provider( '#https?://(www\.)?twitter\.com/\w{1,15}$#i' );
	wp_oembed_remove_provider( '#https?://(www\.)?twitter\.com/\w{1,15}/likes$#i' );
	wp_oembed_remove_provider( '#https?://(www\.)?twitter\.com/\w{1,15}/lists/.*#i' );
	wp_oembed_remove_provider( '#https?://(www\.)?twitter\.com/\w{1,15}/timelines/.*#i' );
	wp_oembed_remove_provider( '#https?://(www\.)?twitter\.com/i/moments/.*#i' );
	wp_embed_register_handler( 'perch_post', PERCH_POST_URL_PATTERN, 'perch_embed_post_handler' );
}

/**
 * Embed handler for a post URL.
 *
 * @param array<int, string> $matches Regex matches (1 = handle, 2 = id).
 */
function perch_embed_post_handler( array $matches ): string {
	$handle = in_array( strtolower( $matches[1] ), array( 'i', 'i/web' ), true ) ? '' : $matches[1];
	return perch_render_post( $matches[2], $handle );
}

/**
 * `core/embed` blocks whose URL is an X post render as Perch posts (old content unchanged).
 *
 * @param string               $content Rendered block.
 * @param array<string, mixed> $block   Parsed block.
 */
function perch_render_core_embed( string $content, array $block ): string {
	if ( 'core/embed' !== ( $block['blockName'] ?? '' ) ) {
		return $content;
	}
	$url  = (string) ( $block['attrs']['url'] ?? '' );
	$post = perch_parse_post_url( $url );
	if ( null === $post ) {
		$timeline = perch_parse_timeline_url( $url );
		$provider = strtolower( (string) ( $block['attrs']['providerNameSlug'] ?? '' ) );
		return null !== $timeline && in_array( $provider, array( 'twitter', 'x' ), true ) ? perch_wrap_embed( perch_render_timeline( $timeline ), $block ) : $content;
	}
	return perch_wrap_embed( perch_render_post( $post['id'], $post['screen_name'] ), $block );
}

/**
 * Keeps the embed block's figure (alignment, caption) around Perch's element.
 *
 * @param string               $html  Perch output.
 * @param array<string, mixed> $block Parsed block.
 */
function perch_wrap_embed( string $html, array $block ): string {
	$align   = (string) ( $block['attrs']['align'] ?? '' );
	$classes = 'wp-block-embed is-type-rich is-provider-x wp-block-perch-embed' . ( '' !== $align ? ' align' . sanitize_html_class( $align ) : '' );
	$caption = '';
	if ( preg_match( '#<figcaption[^>]*>.*?</figcaption>#s', (string) ( $block['innerHTML'] ?? '' ), $m ) ) {
		$caption = wp_kses_post( $m[0] );
	}
	return '<figure class="' . esc_attr( $classes ) . '"><div class="wp-block-embed__wrapper">' . $html . '</div>' . $caption . '</figure>';
}

/**
 * The block editor asks `/oembed/1.0/proxy` for a preview of a pasted URL: answer X's post
 * URLs locally (no request to X, no cached failure for x.com) with the rendered Perch markup.
 *
 * @param mixed           $result  Response so far.
 * @param WP_REST_Server  $server  Server.
 * @param WP_REST_Request $request Request.
 * @return mixed
 */
function perch_oembed_proxy( $result, $server, $request ) {
	if ( ! $request instanceof WP_REST_Request || '/oembed/1.0/proxy' !== $request->get_route() ) {
		return $result;
	}
	$url  = (string) $request->get_param( 'url' );
	$post = perch_parse_post_url( $url );
	if ( null === $post ) {
		return $result;
	}
	return array(
		'version'       => '1.0',
		'type'          => 'rich',
		'provider_name' => 'X',
		'provider_url'  => 'https://x.com',
		'url'           => $url,
		'html'          => perch_element( 'perch-tweet', array( 'tweet-id' => $post['id'] ) ),
		'width'         => 550,
		'height'        => null,
	);
}
