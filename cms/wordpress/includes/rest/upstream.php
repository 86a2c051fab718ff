<?php
/**
 * The built-in endpoint's upstreams: X API v2 (with the bearer token) when one is configured,
 * else X's syndication data. Base URLs can be pointed elsewhere (`PERCH_X_API_URL`,
 * `PERCH_SYNDICATION_URL`; tests use local fakes). Every request to X carries no visitor data.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** An upstream call that failed: `kind` is rate-limited, auth, server, network or malformed. */
final class Perch_Upstream_Error extends Exception {
	/** @var string What went wrong. */
	public string $kind;
	/** @var int Epoch seconds when a rate limit ends (0 otherwise). */
	public int $reset_at;

	public function __construct( string $kind, string $message, int $reset_at = 0 ) {
		parent::__construct( $message );
		$this->kind     = $kind;
		$this->reset_at = $reset_at;
	}
}

/** `expansions` and fields asked for on every post request (as perch-server asks). */
function perch_x_api_post_params(): array {
	return array(
		'expansions'   => 'author_id,attachments.media_keys,attachments.poll_ids,referenced_tweets.id,referenced_tweets.id.author_id,entities.mentions.username,in_reply_to_user_id',
		'tweet.fields' => 'attachments,author_id,conversation_id,created_at,edit_history_tweet_ids,entities,in_reply_to_user_id,lang,note_tweet,possibly_sensitive,public_metrics,referenced_tweets',
		'user.fields'  => perch_x_api_user_fields(),
		'media.fields' => 'type,url,width,height,alt_text,preview_image_url,variants,duration_ms,public_metrics',
		'poll.fields'  => 'options,voting_status,end_datetime,duration_minutes',
	);
}

/** `user.fields` asked for on every request. */
function perch_x_api_user_fields(): string {
	return 'name,username,profile_image_url,protected,verified,verified_type';
}

/**
 * Whether requests to X carry the tailoring opt-out (`dnt=true`): always on a child-directed
 * site, and for the rest of this request once a page asked with `dnt=true`.
 *
 * @param bool|null $asked Pass true when the page's request carried `dnt=true`.
 */
function perch_upstream_opt_out( ?bool $asked = null ): bool {
	static $page_asked = false;
	if ( true === $asked ) {
		$page_asked = true;
	}
	return $page_asked || ( function_exists( 'perch_child_directed' ) && perch_child_directed( 0 ) );
}

/** Which upstream answers posts: `x-api-v2` with a bearer token, else `syndication`. */
function perch_upstream_name(): string {
	return '' !== perch_rest_bearer_token() ? 'x-api-v2' : 'syndication';
}

/**
 * `GET <X API base><path>?<params>` with the bearer token → the decoded body (stdClass), or null
 * for a 404. Throws Perch_Upstream_Error for everything else that is not a 200 JSON body.
 *
 * @param string               $path   API path, e.g. `/2/tweets`.
 * @param array<string,string> $params Query parameters.
 */
function perch_x_api_get( string $path, array $params ): mixed {
	$base     = untrailingslashit( (string) perch_rest_constant( 'PERCH_X_API_URL', 'https://api.x.com' ) );
	$response = wp_remote_get(
		$base . $path . '?' . http_build_query( $params, '', '&', PHP_QUERY_RFC3986 ),
		array(
			'timeout'     => 5,
			'redirection' => 0,
			'headers'     => array(
				'Authorization' => 'Bearer ' . perch_rest_bearer_token(),
				'Accept'        => 'application/json',
			),
		)
	);
	if ( is_wp_error( $response ) ) {
		throw new Perch_Upstream_Error( 'network', 'X API unreachable' );
	}
	$status = (int) wp_remote_retrieve_response_code( $response );
	if ( 429 === $status ) {
		$reset = (int) wp_remote_retrieve_header( $response, 'x-rate-limit-reset' );
		throw new Perch_Upstream_Error( 'rate-limited', 'X API is rate-limited', $reset > 0 ? $reset : time() + 60 );
	}
	if ( 401 === $status || 403 === $status ) {
		throw new Perch_Upstream_Error( 'auth', "X API refused the bearer token ($status)" );
	}
	if ( 404 === $status ) {
		return null;
	}
	if ( 200 !== $status ) {
		throw new Perch_Upstream_Error( 'server', "X API answered $status for $path" );
	}
	try {
		return Perch_Json::decode( wp_remote_retrieve_body( $response ) );
	} catch ( Perch_Payload_Error $e ) {
		throw new Perch_Upstream_Error( 'malformed', "X API sent a body that is not JSON for $path" );
	}
}

/**
 * Look posts up upstream: one result (post or tombstone) per id.
 *
 * @param string[] $ids Up to 100 ids.
 * @return array<string, array> Results by id.
 */
function perch_upstream_lookup( array $ids ): array {
	if ( 'x-api-v2' === perch_upstream_name() ) {
		$body = perch_x_api_get( '/2/tweets', array_merge( array( 'ids' => implode( ',', $ids ) ), perch_x_api_post_params() ) );
		try {
			$found = null === $body ? array() : Perch_Normalize_X_Api_V2::lookup( $body, array( 'now' => (int) floor( microtime( true ) * 1000 ) ) );
		} catch ( Perch_Payload_Error $e ) {
			throw new Perch_Upstream_Error( 'malformed', 'X API body did not fit: ' . $e->getMessage() );
		}
		$out = array();
		foreach ( $ids as $id ) {
			$out[ $id ] = $found[ $id ] ?? Perch_Model::tombstone( $id, 'not-found' );
		}
		return $out;
	}
	$out = array();
	foreach ( $ids as $id ) {
		$out[ $id ] = perch_syndication_lookup( $id );
	}
	return $out;
}

/**
 * The `token` parameter the syndication endpoint expects, derived from the id: `id / 1e15 * π` in
 * base 36 as JavaScript's Number#toString(36) writes it (shortest digits that read back to the
 * same double), with zeros and the point dropped.
 */
function perch_syndication_token( string $id ): string {
	$value    = ( (float) $id / 1e15 ) * M_PI;
	$chars    = '0123456789abcdefghijklmnopqrstuvwxyz';
	$integer  = floor( $value );
	$fraction = $value - $integer;
	$next     = unpack( 'E', pack( 'J', unpack( 'J', pack( 'E', $value ) )[1] + 1 ) )[1];
	$delta    = max( 0.5 * ( $next - $value ), 4.9406564584124654e-324 );
	$digits   = array();
	if ( $fraction >= $delta ) {
		do {
			$fraction *= 36;
			$delta    *= 36;
			$digit     = (int) floor( $fraction );
			$digits[]  = $digit;
			$fraction -= $digit;
			if ( ( $fraction > 0.5 || ( 0.5 === $fraction && ( $digit & 1 ) ) ) && $fraction + $delta > 1 ) {
				// Round up, carrying into earlier digits (and into the integer part).
				for ( ;; ) {
					$last = array_pop( $digits );
					if ( null === $last ) {
						++$integer;
						break;
					}
					if ( $last + 1 < 36 ) {
						$digits[] = $last + 1;
						break;
					}
				}
				break;
			}
		} while ( $fraction >= $delta );
	}
	$int_digits = '';
	for ( $n = $integer; $n >= 1; $n = floor( $n / 36 ) ) {
		$int_digits = $chars[ (int) fmod( $n, 36 ) ] . $int_digits;
	}
	$out = ( '' === $int_digits ? '0' : $int_digits ) . implode( '', array_map( fn( $d ) => $chars[ $d ], $digits ) );
	return str_replace( '0', '', $out );
}

/** One post from X's syndication data (a tombstone when X has none). */
function perch_syndication_lookup( string $id ): array {
	$base     = untrailingslashit( (string) perch_rest_constant( 'PERCH_SYNDICATION_URL', 'https://cdn.syndication.twimg.com' ) );
	$response = wp_remote_get(
		$base . '/tweet-result?id=' . $id . '&lang=en&token=' . perch_syndication_token( $id ) . ( perch_upstream_opt_out() ? '&dnt=true' : '' ),
		array(
			'timeout'     => 5,
			'redirection' => 0,
			'headers'     => array( 'Accept' => 'application/json' ),
		)
	);
	if ( is_wp_error( $response ) ) {
		throw new Perch_Upstream_Error( 'network', 'syndication unreachable' );
	}
	$status = (int) wp_remote_retrieve_response_code( $response );
	if ( 429 === $status ) {
		$reset = (int) wp_remote_retrieve_header( $response, 'x-rate-limit-reset' );
		throw new Perch_Upstream_Error( 'rate-limited', 'syndication is rate-limited', $reset > 0 ? $reset : time() + 60 );
	}
	if ( 404 === $status ) {
		return Perch_Model::tombstone( $id, 'not-found' );
	}
	if ( 200 !== $status ) {
		throw new Perch_Upstream_Error( 'server', "syndication answered $status" );
	}
	try {
		$payload = Perch_Json::decode( wp_remote_retrieve_body( $response ) );
		if ( $payload instanceof stdClass && 0 === count( get_object_vars( $payload ) ) ) {
			return Perch_Model::tombstone( $id, 'not-found' );
		}
		$result       = Perch_Normalize_Syndication::normalize( $payload, $id );
		$result['id'] = $id;
		return $result;
	} catch ( Perch_Payload_Error $e ) {
		throw new Perch_Upstream_Error( 'malformed', "syndication payload for $id did not fit: " . $e->getMessage() );
	}
}
