<?php
/**
 * The retired X WordPress plugin's shortcodes (and Jetpack's `[tweet]` options), mapped onto
 * Perch's elements so sites that used them keep working.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Registers the shortcodes. */
function perch_register_shortcodes(): void {
	add_shortcode( 'tweet', 'perch_shortcode_tweet' );
	add_shortcode( 'twitter_video', 'perch_shortcode_video' );
	add_shortcode( 'twitter_profile', 'perch_shortcode_profile' );
	add_shortcode( 'twitter_list', 'perch_shortcode_list' );
	add_shortcode( 'twitter_follow', 'perch_shortcode_follow' );
	add_shortcode( 'twitter_share', 'perch_shortcode_share' );
}

/**
 * Shortcode attributes as an array, with the first positional value under `0`.
 *
 * @param array<int|string, string>|string $atts Raw attributes.
 * @return array<int|string, string>
 */
function perch_shortcode_atts( $atts ): array {
	return is_array( $atts ) ? array_change_key_case( $atts, CASE_LOWER ) : array();
}

/**
 * Whether an X-style option is "on" (`true`, `1`, `yes`, `on`).
 *
 * @param array<int|string, string> $atts Attributes.
 * @param string                    $key  Key.
 */
function perch_att_on( array $atts, string $key ): bool {
	return isset( $atts[ $key ] ) && in_array( strtolower( trim( (string) $atts[ $key ] ) ), array( '1', 'true', 'yes', 'on' ), true );
}

/**
 * Options shared by every shortcode: theme and the tailoring opt-out.
 *
 * @param array<int|string, string> $atts Attributes.
 * @return array<string, mixed>
 */
function perch_shortcode_common( array $atts ): array {
	return array(
		'theme' => $atts['theme'] ?? null,
		'dnt'   => perch_att_on( $atts, 'dnt' ),
	);
}

/**
 * `[tweet id="…"]`, `[tweet https://x.com/…/status/…]`, `[tweet tweet="…"]` (Jetpack).
 * Options: conversation="none", hide_thread, cards="hidden", hide_media, width, align, theme, lang, dnt.
 *
 * @param array<int|string, string>|string $raw Attributes.
 */
function perch_shortcode_tweet( $raw ): string {
	$atts   = perch_shortcode_atts( $raw );
	$source = (string) ( $atts['id'] ?? $atts['tweet'] ?? $atts['url'] ?? $atts[0] ?? '' );
	$id     = perch_post_id_from( $source );
	if ( null === $id ) {
		return '';
	}
	$post = perch_parse_post_url( $source );
	return perch_render_post(
		$id,
		$post['screen_name'] ?? '',
		perch_shortcode_common( $atts ) + array(
			'width'       => $atts['width'] ?? null,
			'align'       => $atts['align'] ?? null,
			'lang'        => $atts['lang'] ?? null,
			'hide-thread' => 'none' === strtolower( (string) ( $atts['conversation'] ?? '' ) ) || perch_att_on( $atts, 'hide_thread' ),
			'hide-cards'  => 'hidden' === strtolower( (string) ( $atts['cards'] ?? '' ) ) || perch_att_on( $atts, 'hide_media' ),
		)
	);
}

/**
 * `[twitter_video id="…"]` (or a post URL).
 *
 * @param array<int|string, string>|string $raw Attributes.
 */
function perch_shortcode_video( $raw ): string {
	$atts   = perch_shortcode_atts( $raw );
	$source = (string) ( $atts['id'] ?? $atts['url'] ?? $atts[0] ?? '' );
	$id     = perch_post_id_from( $source );
	if ( null === $id ) {
		return '';
	}
	return perch_render_video( $id, array( 'dnt' => perch_att_on( $atts, 'dnt' ) ) );
}

/**
 * Timeline options of X's plugin: width, height, limit, chrome, aria_polite, lang, theme, border_color, dnt.
 *
 * @param array<int|string, string> $atts Attributes.
 * @return array<string, mixed>
 */
function perch_shortcode_timeline_options( array $atts ): array {
	return perch_shortcode_common( $atts ) + array(
		'width'        => $atts['width'] ?? null,
		'height'       => $atts['height'] ?? null,
		'tweet-limit'  => $atts['limit'] ?? $atts['tweet_limit'] ?? null,
		'chrome'       => $atts['chrome'] ?? null,
		'live-region'  => $atts['aria_polite'] ?? null,
		'lang'         => $atts['lang'] ?? null,
		'border-color' => $atts['border_color'] ?? null,
	);
}

/**
 * `[twitter_profile screen_name="…"]`.
 *
 * @param array<int|string, string>|string $raw Attributes.
 */
function perch_shortcode_profile( $raw ): string {
	$atts   = perch_shortcode_atts( $raw );
	$handle = perch_clean_attribute( 'handle', $atts['screen_name'] ?? $atts[0] ?? '' );
	if ( ! is_string( $handle ) ) {
		return '';
	}
	return perch_render_timeline( array( 'screen-name' => $handle ) + perch_shortcode_timeline_options( $atts ) );
}

/**
 * `[twitter_list screen_name="…" slug="…"]`.
 *
 * @param array<int|string, string>|string $raw Attributes.
 */
function perch_shortcode_list( $raw ): string {
	$atts   = perch_shortcode_atts( $raw );
	$handle = perch_clean_attribute( 'handle', $atts['screen_name'] ?? '' );
	$slug   = perch_clean_attribute( 'slug', $atts['slug'] ?? '' );
	if ( ! is_string( $handle ) || ! is_string( $slug ) ) {
		return '';
	}
	return perch_render_timeline(
		array(
			'owner-screen-name' => $handle,
			'slug'              => $slug,
		) + perch_shortcode_timeline_options( $atts )
	);
}

/**
 * `[twitter_follow screen_name="…" show_screen_name="false" size="large"]` (`show_count` is gone from X and ignored).
 *
 * @param array<int|string, string>|string $raw Attributes.
 */
function perch_shortcode_follow( $raw ): string {
	$atts = perch_shortcode_atts( $raw );
	$show = strtolower( (string) ( $atts['show_screen_name'] ?? 'true' ) );
	return perch_render_button(
		'perch-follow-button',
		perch_shortcode_common( $atts ) + array(
			'screen-name'      => $atts['screen_name'] ?? $atts[0] ?? null,
			'hide-screen-name' => in_array( $show, array( 'false', '0', 'no', 'off' ), true ),
			'size'             => $atts['size'] ?? null,
		)
	);
}

/**
 * `[twitter_share text="…" url="…" hashtags="a,b" via="…" related="…" size="large"]`.
 * `in_reply_to` has no equivalent in X's current share intent and is ignored.
 *
 * @param array<int|string, string>|string $raw Attributes.
 */
function perch_shortcode_share( $raw ): string {
	$atts = perch_shortcode_atts( $raw );
	return perch_render_button(
		'perch-share-button',
		perch_shortcode_common( $atts ) + array(
			'text'     => $atts['text'] ?? null,
			'url'      => $atts['url'] ?? null,
			'hashtags' => $atts['hashtags'] ?? null,
			'via'      => $atts['via'] ?? null,
			'related'  => $atts['related'] ?? null,
			'size'     => $atts['size'] ?? null,
		)
	);
}
