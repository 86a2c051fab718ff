<?php
/**
 * A post as static HTML from the configured Perch embed server (`GET /v1/render/tweet/:id`:
 * `<perch-tweet>` with a declarative shadow root and the post model inline), so the post is
 * readable without JavaScript and takes its space at once; the loader then adopts (hydrates) it.
 *
 * Consent: that HTML is what perch-server serves for any page. It is first-party content (the
 * publisher's own server; media proxied through it; nothing from X's hosts, no cookie), the
 * same a `<perch-tweet>` shows before consent when the site lets first-party content render
 * before consent (the default). When the site turned that off and consent is not known to be
 * unnecessary, the page must wait: no post content goes into it, only the element, which
 * shows the consent placeholder until the reader agrees.
 *
 * Freshness (X's deleted-posts rule): the HTML is kept in a transient no longer than the
 * server's own `max-age` (less its `Age`) and never more than 24 hours, then fetched again.
 * A post gone upstream comes back as the server's tombstone (404), which replaces the cached
 * HTML; an answer that is not HTML removes it. A server that is down, slow or failing leaves
 * the page with the element alone (the client loads the post), never an error.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Seconds to wait for the embed server; a page never waits longer for one post. */
const PERCH_STATIC_TIMEOUT = 3;

/** Longest any static HTML is kept, whatever the server says (X: removed within 24 hours). */
const PERCH_STATIC_MAX_SECONDS = DAY_IN_SECONDS;

/** After a failed request, seconds during which pages use the element alone instead of asking again. */
const PERCH_STATIC_BACKOFF_SECONDS = MINUTE_IN_SECONDS;

/** Largest answer accepted, in bytes (a rendered post with its styles is a few tens of KB). */
const PERCH_STATIC_MAX_BYTES = 1048576;

/** Whether posts on this request get the embed server's static HTML. */
function perch_static_render_enabled(): bool {
	if ( 'server' !== perch_setting( 'data_source' ) || '' === (string) perch_setting( 'embed_server' ) ) {
		return false; // The built-in endpoint has no renderer: the element renders on the client.
	}
	if ( 'not-required' !== perch_setting( 'consent_mode' ) && true !== perch_setting( 'first_party_before_consent' ) ) {
		return false; // Content waits for consent on this site.
	}
	/**
	 * Filters whether posts are put into pages as the embed server's static HTML.
	 *
	 * @param bool $enabled True when a Perch embed server is the data source and consent allows it.
	 */
	return (bool) apply_filters( 'perch_static_render', true );
}

/**
 * The render query for an element's attributes: the options that change what is drawn.
 *
 * @param array<string, mixed> $attrs Element attributes (as given to perch_element()).
 * @return array<string, string>
 */
function perch_static_render_query( array $attrs ): array {
	$kinds = perch_element_attributes()['perch-tweet'];
	$clean = static function ( string $name ) use ( $attrs, $kinds ) {
		return array_key_exists( $name, $attrs ) ? perch_clean_attribute( $kinds[ $name ], $attrs[ $name ] ) : null;
	};
	$query = array();
	$theme = $clean( 'theme' ) ?? perch_setting( 'theme' );
	if ( is_string( $theme ) && '' !== $theme ) {
		$query['theme'] = $theme; // Without JavaScript the page's default theme is read from here.
	}
	$width = $clean( 'width' );
	if ( is_string( $width ) && (int) $width >= 250 && (int) $width <= 550 ) {
		$query['width'] = $width;
	}
	foreach ( array( 'align', 'lang' ) as $name ) {
		$value = $clean( $name );
		if ( is_string( $value ) ) {
			$query[ $name ] = $value;
		}
	}
	foreach ( array( 'hide-cards', 'hide-thread' ) as $name ) {
		if ( true === $clean( $name ) ) {
			$query[ $name ] = 'true';
		}
	}
	if ( true === $clean( 'dnt' ) || perch_child_directed() ) {
		$query['dnt'] = 'true';
	}
	$query['server'] = perch_server_url(); // Media and later requests go where this page's widgets go.
	return $query;
}

/**
 * Seconds an answer may be kept: its shared-cache lifetime less its age, at most 24 hours;
 * 0 when it may not be kept.
 *
 * @param string $cache_control The answer's Cache-Control header.
 * @param string $age           The answer's Age header.
 */
function perch_static_render_ttl( string $cache_control, string $age = '' ): int {
	$cache_control = strtolower( $cache_control );
	if ( preg_match( '/(?:^|[,\s])(?:no-store|no-cache|private)(?:[,\s=]|$)/', $cache_control ) ) {
		return 0;
	}
	if ( preg_match( '/(?:^|[,\s])s-maxage\s*=\s*"?(\d+)/', $cache_control, $m ) || preg_match( '/(?:^|[,\s])max-age\s*=\s*"?(\d+)/', $cache_control, $m ) ) {
		$seconds = (int) $m[1] - ( ctype_digit( trim( $age ) ) ? (int) trim( $age ) : 0 );
		return max( 0, min( $seconds, PERCH_STATIC_MAX_SECONDS ) );
	}
	return 0;
}

/**
 * Whether a body is one rendered `<perch-tweet>` (what the render route answers), and nothing else.
 * The server is the publisher's own, trusted as the widget scripts it serves are; its HTML goes
 * into the page as it is (escaping it would break the post), so anything else is refused.
 *
 * @param string $html Response body.
 * @param string $id   The post id asked for.
 */
function perch_is_rendered_post( string $html, string $id ): bool {
	$html = trim( $html );
	return str_starts_with( $html, '<perch-tweet ' ) && str_ends_with( $html, '</perch-tweet>' ) && str_contains( $html, ' tweet-id="' . $id . '"' ) && (bool) preg_match( '/<template\\b[^>]*\\sshadowrootmode=/', $html );
}

/**
 * The post as the embed server's static HTML, or null when the element alone must do
 * (static rendering off, consent pending by policy, server unreachable or failing).
 *
 * @param string               $id    Post id.
 * @param array<string, mixed> $attrs Element attributes.
 */
function perch_static_post_html( string $id, array $attrs ): ?string {
	if ( ! preg_match( '/^\d{1,20}$/', $id ) || ! perch_static_render_enabled() ) {
		return null;
	}
	$server = perch_server_url();
	$query  = perch_static_render_query( $attrs );
	$key    = 'perch_render_' . md5( $server . '|' . $id . '|' . http_build_query( $query ) );
	$cached = get_transient( $key );
	// The expiry is checked here too: a persistent object cache may keep entries past their TTL.
	if ( is_array( $cached ) && isset( $cached['html'], $cached['expires'] ) && is_string( $cached['html'] ) && (int) $cached['expires'] > time() ) {
		return perch_static_with_dnt( $cached['html'], $query );
	}
	$down_key = 'perch_render_down_' . md5( $server );
	if ( false !== get_transient( $down_key ) ) {
		return null;
	}
	$response = wp_remote_get(
		$server . '/v1/render/tweet/' . $id . '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 ),
		array(
			'timeout'             => PERCH_STATIC_TIMEOUT,
			'redirection'         => 0,
			'limit_response_size' => PERCH_STATIC_MAX_BYTES,
			'headers'             => array( 'accept' => 'text/html' ),
		)
	);
	$status = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
	$body   = is_wp_error( $response ) ? '' : (string) wp_remote_retrieve_body( $response );
	// 200: the post (or a protected/withheld tombstone); 404: the not-found tombstone, which
	// replaces whatever was cached so a deleted post's text leaves the page.
	if ( ( 200 === $status || 404 === $status ) && perch_is_rendered_post( $body, $id ) ) {
		$html = trim( $body );
		$ttl  = perch_static_render_ttl( (string) wp_remote_retrieve_header( $response, 'cache-control' ), (string) wp_remote_retrieve_header( $response, 'age' ) );
		if ( $ttl > 0 ) {
			set_transient( $key, array( 'html' => $html, 'expires' => time() + $ttl ), $ttl );
		} else {
			delete_transient( $key );
		}
		return perch_static_with_dnt( $html, $query );
	}
	delete_transient( $key ); // Nothing older than this answer may be shown.
	if ( 0 === $status || $status >= 500 ) {
		set_transient( $down_key, 1, PERCH_STATIC_BACKOFF_SECONDS );
	}
	if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
		// The status only: no URL, header or body (nothing secret reaches the log).
		error_log( sprintf( 'Perch: the embed server gave no static HTML for a post (%s); the element renders on the client.', 0 === $status ? 'no answer' : 'HTTP ' . $status ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
	}
	return null;
}

/**
 * The rendered element with `dnt` on it when the page or the element opts out of tailoring,
 * so the element keeps that attribute once it takes over.
 *
 * @param string                $html  Rendered `<perch-tweet>`.
 * @param array<string, string> $query Render query.
 */
function perch_static_with_dnt( string $html, array $query ): string {
	if ( ! isset( $query['dnt'] ) || preg_match( '/^<perch-tweet\b[^>]*\sdnt[\s>=]/', $html ) ) {
		return $html;
	}
	return '<perch-tweet dnt ' . substr( $html, strlen( '<perch-tweet ' ) );
}

/**
 * Static HTML waiting for its place in content, by token.
 *
 * @return array<string, string>
 */
function &perch_static_parts(): array {
	static $parts = array();
	return $parts;
}

/**
 * Where static HTML goes in content that still runs through filters: the element alone, marked.
 * Content filters (wptexturize, wpautop, smilies, image attributes) must not touch the
 * rendered post (its text must stay exact, and the element adopts the DOM as rendered), so the
 * HTML replaces the mark only once they ran (perch_fill_static_posts()). Where the mark is
 * never replaced, the element alone renders on the client.
 *
 * @param string $element The element alone (perch_element() output).
 * @param string $html    The static HTML.
 */
function perch_static_placeholder( string $element, string $html ): string {
	$token           = md5( $html );
	$parts           = &perch_static_parts();
	$parts[ $token ] = $html;
	return '<perch-tweet data-perch-static="' . $token . '"' . substr( $element, strlen( '<perch-tweet' ) );
}

/**
 * Puts static HTML in place of its marks, after every other content filter.
 *
 * @param string $content Filtered content.
 */
function perch_fill_static_posts( string $content ): string {
	if ( ! str_contains( $content, 'data-perch-static="' ) ) {
		return $content;
	}
	$parts = perch_static_parts();
	return preg_replace_callback(
		'#<perch-tweet data-perch-static="([0-9a-f]{32})"[^>]*>.*?</perch-tweet>#s',
		static fn( array $m ): string => $parts[ $m[1] ] ?? $m[0],
		$content
	) ?? $content;
}
