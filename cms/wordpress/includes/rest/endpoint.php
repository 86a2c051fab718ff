<?php
/**
 * The built-in embed endpoint: the embed server's HTTP contract (docs/api/openapi.yaml) under
 * the site's REST API, at `/wp-json/perch/v1/…`, so widgets given `…/wp-json/perch` as their
 * server append the same paths as for perch-server. Answers carry the contract's bodies
 * (`{"error":{"code","message","param"}}` for every error, never WordPress's own shape), its
 * cache headers and CORS. This file wires the hooks and holds what the routes share.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** REST namespace of the endpoint. */
const PERCH_REST_NAMESPACE = 'perch/v1';

/** Wire the endpoint's hooks (called once from the plugin's hooks.php). */
function perch_rest_hooks(): void {
	add_action( 'rest_api_init', 'perch_rest_register_routes' );
	add_filter( 'rest_post_dispatch', 'perch_rest_contract_errors', 10, 3 );
	add_filter( 'rest_pre_serve_request', 'perch_rest_serve_contract_answer', 20, 4 );
	add_action( 'parse_request', 'perch_rest_route_without_permalinks', 0 );
	add_action( 'init', 'perch_impressions_maybe_install' );
	add_action( 'init', 'perch_rest_schedule_cron' );
	add_action( 'perch_revalidate_posts', 'perch_posts_revalidate_due' );
	add_action( 'perch_impressions_sweep', 'perch_impressions_sweep' );
}

/** Register every route of the contract. */
function perch_rest_register_routes(): void {
	$routes = array(
		'/tweets'                                      => array( 'GET', 'perch_rest_get_posts' ),
		'/tweets/(?P<id>[^/]+)'                        => array( 'GET', 'perch_rest_get_post' ),
		'/timelines/profile/id/(?P<userId>[^/]+)'      => array( 'GET', 'perch_rest_get_timeline' ),
		'/timelines/profile/(?P<name>[^/]+)'           => array( 'GET', 'perch_rest_get_timeline' ),
		'/timelines/list/(?P<id>[^/]+)'                => array( 'GET', 'perch_rest_get_timeline' ),
		'/timelines/list/(?P<owner>[^/]+)/(?P<slug>[^/]+)' => array( 'GET', 'perch_rest_get_timeline' ),
		'/media'                                       => array( 'GET', 'perch_rest_get_media' ),
		'/impressions'                                 => array( 'POST', 'perch_rest_post_impressions' ),
	);
	foreach ( $routes as $route => list( $method, $callback ) ) {
		register_rest_route(
			PERCH_REST_NAMESPACE,
			$route,
			array(
				'methods'             => $method,
				'callback'            => $callback,
				// Public by design: what the widgets of every visitor ask for (the contract has no credentials).
				'permission_callback' => '__return_true',
			)
		);
	}
}

/**
 * The base URL widgets are given as their server (`/v1/…` is appended): `…/wp-json/perch`, or
 * `…/index.php/wp-json/perch` when the site has no pretty permalinks (a query-string REST URL
 * cannot take appended paths).
 */
function perch_rest_base_url(): string {
	if ( '' !== (string) get_option( 'permalink_structure' ) ) {
		return untrailingslashit( rest_url( 'perch' ) );
	}
	return home_url( '/index.php/' . rest_get_url_prefix() . '/perch' );
}

/**
 * Without pretty permalinks WordPress only knows `?rest_route=`: requests for
 * `…/wp-json/perch/v1/…` (through index.php or a server that sends unknown paths to it) are
 * routed to the REST API all the same.
 *
 * @param WP $wp The request being parsed.
 */
function perch_rest_route_without_permalinks( WP $wp ): void {
	if ( isset( $wp->query_vars['rest_route'] ) ) {
		return;
	}
	$path   = (string) wp_parse_url( isset( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : '', PHP_URL_PATH ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- matched against a fixed pattern only.
	$prefix = '/' . rest_get_url_prefix() . '/perch/';
	$at     = strpos( $path, $prefix );
	if ( false !== $at ) {
		$wp->query_vars['rest_route'] = '/perch/' . substr( $path, $at + strlen( $prefix ) );
	}
}

/** Every route of the endpoint, as regular expressions over the REST route. */
function perch_rest_route_patterns(): array {
	$out = array();
	foreach ( array_keys( rest_get_server()->get_routes( PERCH_REST_NAMESPACE ) ) as $route ) {
		$out[] = '@^' . $route . '$@i';
	}
	return $out;
}

/**
 * A contract error answer: `{"error":{"code","message","param"?}}`, not cacheable.
 *
 * @param int                  $status  HTTP status.
 * @param string               $code    Stable machine-readable code.
 * @param string               $message Human-readable explanation.
 * @param string|null          $param   The parameter at fault.
 * @param array<string,string> $headers Extra headers.
 */
function perch_rest_error( int $status, string $code, string $message, ?string $param = null, array $headers = array() ): WP_REST_Response {
	$error = array(
		'code'    => $code,
		'message' => $message,
	);
	if ( null !== $param ) {
		$error['param'] = $param;
	}
	return perch_rest_json( $status, array( 'error' => $error ), array_merge( array( 'Cache-Control' => 'no-store' ), $headers ) );
}

/**
 * A JSON answer encoded as perch-server encodes it (slashes and Unicode as they are).
 *
 * @param int                  $status  HTTP status.
 * @param mixed                $data    The body.
 * @param array<string,string> $headers Extra headers.
 */
function perch_rest_json( int $status, mixed $data, array $headers = array() ): WP_REST_Response {
	return perch_rest_raw( $status, (string) wp_json_encode( $data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ), array_merge( array( 'Content-Type' => 'application/json; charset=utf-8' ), $headers ) );
}

/**
 * An answer whose body is sent as these bytes.
 *
 * @param int                  $status  HTTP status.
 * @param string               $bytes   The body.
 * @param array<string,string> $headers Headers (Content-Type among them).
 */
function perch_rest_raw( int $status, string $bytes, array $headers ): WP_REST_Response {
	return new WP_REST_Response( new Perch_Raw_Body( $bytes ), $status, $headers );
}

/** Marks a response whose body is sent as given (bytes), not encoded as JSON. */
final class Perch_Raw_Body {
	/** @var string The bytes to send. */
	public string $bytes;

	public function __construct( string $bytes ) {
		$this->bytes = $bytes;
	}
}

/**
 * WordPress's own errors on the endpoint's paths (no route, wrong method, invalid JSON) become
 * the contract's error bodies.
 *
 * @param WP_HTTP_Response $result  Result to send.
 * @param WP_REST_Server   $server  Server instance.
 * @param WP_REST_Request  $request The request.
 */
function perch_rest_contract_errors( $result, $server, $request ) {
	$route = (string) $request->get_route();
	if ( ! str_starts_with( $route, '/perch/' ) || ! ( $result instanceof WP_HTTP_Response ) || ! $result->is_error() || $result->get_data() instanceof Perch_Raw_Body ) {
		return $result;
	}
	$data = $result->get_data();
	$code = is_array( $data ) && isset( $data['code'] ) ? (string) $data['code'] : '';
	if ( 'rest_no_route' === $code ) {
		foreach ( perch_rest_route_patterns() as $pattern ) {
			if ( preg_match( $pattern, $route ) ) {
				return perch_rest_error( 405, 'method-not-allowed', $request->get_method() . ' is not allowed here.' );
			}
		}
		return perch_rest_error( 404, 'not-found', 'Nothing at ' . substr( $route, 0, 200 ) . '.' );
	}
	if ( 'rest_invalid_json' === $code ) {
		return perch_rest_error( 400, 'malformed-json', 'The body is not valid JSON.', null, array( 'Access-Control-Allow-Origin' => '*' ) );
	}
	return perch_rest_error( $result->get_status(), 'internal', 'Something went wrong on the embed endpoint.' );
}

/**
 * Sends the endpoint's answers as the contract has them: CORS for any origin (no credentials:
 * nothing here depends on cookies), raw bodies (media, 304) as bytes.
 *
 * @param bool             $served  Whether the request was already served.
 * @param WP_HTTP_Response $result  Result to send.
 * @param WP_REST_Request  $request The request.
 * @param WP_REST_Server   $server  Server instance.
 */
function perch_rest_serve_contract_answer( $served, $result, $request, $server ) {
	if ( $served || ! str_starts_with( (string) $request->get_route(), '/perch/' ) ) {
		return $served;
	}
	if ( ! headers_sent() ) {
		header( 'Access-Control-Allow-Origin: *' );
		header_remove( 'Access-Control-Allow-Credentials' );
		header_remove( 'Link' );
		header( 'X-Content-Type-Options: nosniff' );
		header( 'Referrer-Policy: strict-origin-when-cross-origin' );
		header( 'Cross-Origin-Resource-Policy: cross-origin' );
	}
	$data = $result instanceof WP_HTTP_Response ? $result->get_data() : null;
	if ( $data instanceof Perch_Raw_Body ) {
		if ( 'HEAD' !== $request->get_method() && '' !== $data->bytes ) {
			echo $data->bytes; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- media bytes relayed as they are, sandboxed by their headers.
		}
		return true;
	}
	return $served;
}

/** The value of a wp-config.php constant, or `$default` when it is not defined. */
function perch_rest_constant( string $name, mixed $default ): mixed {
	return defined( $name ) ? constant( $name ) : $default;
}

/** The X API bearer token: `PERCH_X_BEARER_TOKEN`, else the setting. Never echoed or logged. */
function perch_rest_bearer_token(): string {
	if ( defined( 'PERCH_X_BEARER_TOKEN' ) ) {
		return (string) PERCH_X_BEARER_TOKEN;
	}
	return function_exists( 'perch_setting' ) ? (string) perch_setting( 'x_bearer_token' ) : '';
}

/** Schedule the endpoint's periodic work on WP-Cron. */
function perch_rest_schedule_cron(): void {
	if ( ! wp_next_scheduled( 'perch_revalidate_posts' ) ) {
		wp_schedule_event( time() + 300, 'hourly', 'perch_revalidate_posts' );
	}
	if ( ! wp_next_scheduled( 'perch_impressions_sweep' ) ) {
		wp_schedule_event( time() + 600, 'daily', 'perch_impressions_sweep' );
	}
}

/** The request's path parameter, URL-decoded. */
function perch_rest_path_param( WP_REST_Request $request, string $name ): string {
	$value = (string) ( $request->get_url_params()[ $name ] ?? '' );
	return str_contains( $value, '%' ) ? rawurldecode( $value ) : $value;
}

/** A query parameter as the raw string sent, or null when absent. */
function perch_rest_query_param( WP_REST_Request $request, string $name ): ?string {
	$params = $request->get_query_params();
	if ( ! isset( $params[ $name ] ) ) {
		return null;
	}
	return is_string( $params[ $name ] ) ? $params[ $name ] : '';
}
