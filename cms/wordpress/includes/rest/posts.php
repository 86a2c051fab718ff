<?php
/**
 * `GET /v1/tweets/:id` and `GET /v1/tweets?ids=…` (up to 100), through a cache in transients
 * (shared across web servers when the site has a persistent object cache), under X's rules:
 * an entry is served while fresh (`PERCH_FRESH_SECONDS`, default 15 minutes), then checked
 * with X again before it is served; when X cannot answer, the cached answer is served only while
 * it is less than 24 hours old, never older. A post X no longer shows becomes a tombstone at once.
 * WP-Cron rechecks cached posts hourly so visitors rarely wait for a check.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Most ids one batched lookup may carry. */
const PERCH_MAX_IDS_PER_REQUEST = 100;

/** Upper bound on how long anything is kept: X's 24-hour rule (policy I.C), in milliseconds. */
const PERCH_MAX_POST_AGE_MS = 86400000;

/** How long browsers and CDNs may keep an answer (short: deletions must show within hours). */
const PERCH_POST_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600';

/** Most ids whose check times are remembered for the hourly revalidation. */
const PERCH_REVALIDATE_LIST_MAX = 2000;

/** Now, in epoch milliseconds. */
function perch_now_ms(): int {
	return (int) floor( microtime( true ) * 1000 );
}

/** Seconds a cached post stays fresh. */
function perch_posts_fresh_ms(): int {
	return (int) min( PERCH_MAX_POST_AGE_MS, 1000 * max( 0, (int) perch_rest_constant( 'PERCH_FRESH_SECONDS', 900 ) ) );
}

/** The cached entry for `$id` (`post`, `checkedAt` ms), or null. */
function perch_posts_cached( string $id ): ?array {
	$entry = get_transient( 'perch_post_' . $id );
	if ( ! is_array( $entry ) || ! isset( $entry['post'], $entry['checkedAt'] ) ) {
		return null;
	}
	return perch_now_ms() - (int) $entry['checkedAt'] < PERCH_MAX_POST_AGE_MS ? $entry : null;
}

/**
 * Remember answers X just gave.
 *
 * @param array<string, array> $results Results by id.
 */
function perch_posts_store( array $results ): void {
	$now  = perch_now_ms();
	$list = get_option( 'perch_cached_posts', array() );
	$list = is_array( $list ) ? $list : array();
	foreach ( $results as $id => $post ) {
		set_transient( 'perch_post_' . $id, array( 'post' => $post, 'checkedAt' => $now ), DAY_IN_SECONDS );
		unset( $list[ (string) $id ] );
		$list[ (string) $id ] = $now;
	}
	if ( count( $list ) > PERCH_REVALIDATE_LIST_MAX ) {
		$list = array_slice( $list, -PERCH_REVALIDATE_LIST_MAX, null, true );
	}
	update_option( 'perch_cached_posts', $list, false );
}

/**
 * Answer every id: a post or tombstone model, or `array( 'unavailable' => code, 'message' => …, 'retryAt' => s )`
 * when X cannot be asked now and nothing recent enough is cached.
 *
 * @param string[] $ids Unique, checked ids.
 * @return array<string, array> Answers by id.
 */
function perch_posts_answer( array $ids ): array {
	$now   = perch_now_ms();
	$fresh = perch_posts_fresh_ms();
	$out   = array();
	$stale = array();
	$ask   = array();
	foreach ( $ids as $id ) {
		$entry = perch_posts_cached( $id );
		if ( null === $entry ) {
			$ask[] = $id;
			continue;
		}
		$post      = $entry['post'];
		$not_found = 'tombstone' === $post['kind'] && 'not-found' === $post['reason'];
		$fresh_for = $not_found ? min( $fresh, 300000 ) : $fresh;
		if ( $now - (int) $entry['checkedAt'] < $fresh_for ) {
			$out[ $id ] = $post;
		} else {
			$stale[ $id ] = $post;
			$ask[]        = $id;
		}
	}
	if ( array() === $ask ) {
		return $out;
	}
	$limited_until = (int) get_transient( 'perch_upstream_limited_until' );
	foreach ( array_chunk( $ask, PERCH_MAX_IDS_PER_REQUEST ) as $chunk ) {
		$failure = null;
		if ( $limited_until > time() ) {
			$failure = array( 'unavailable' => 'upstream-rate-limited', 'message' => 'The X upstream is rate-limited; try again later.', 'retryAt' => $limited_until );
		} else {
			try {
				$found = perch_upstream_lookup( $chunk );
				perch_posts_store( $found );
				foreach ( $found as $id => $post ) {
					$out[ (string) $id ] = $post;
				}
				continue;
			} catch ( Perch_Upstream_Error $e ) {
				if ( 'rate-limited' === $e->kind ) {
					$limited_until = $e->reset_at;
					set_transient( 'perch_upstream_limited_until', $e->reset_at, max( 1, $e->reset_at - time() ) );
					$failure = array( 'unavailable' => 'upstream-rate-limited', 'message' => 'The X upstream is rate-limited; try again later.', 'retryAt' => $e->reset_at );
				} else {
					$failure = array( 'unavailable' => 'upstream-error', 'message' => 'The X upstream did not answer; try again later.' );
				}
			}
		}
		foreach ( $chunk as $id ) {
			// Within 24 hours of its last check a cached answer may stand in while X cannot be asked.
			$out[ $id ] = $stale[ $id ] ?? $failure;
		}
	}
	return $out;
}

/**
 * The post model for `$id` (a post or a tombstone), or null when it cannot be answered now.
 * For the plugin's own output (feeds, plain blockquotes, server-side rendering).
 *
 * @param string $id Post id.
 */
function perch_get_post_model( string $id ): ?array {
	if ( ! Perch_Json::is_post_id( $id ) ) {
		return null;
	}
	$answer = perch_posts_answer( array( $id ) )[ $id ] ?? null;
	return is_array( $answer ) && isset( $answer['kind'] ) ? $answer : null;
}

/** Check one id; a contract error naming the problem, or null when it is fine. */
function perch_posts_id_problem( string $id, string $param ): ?WP_REST_Response {
	if ( '' === $id ) {
		return perch_rest_error( 400, 'invalid-id', 'A post id is required.', $param );
	}
	if ( strlen( $id ) > 40 ) {
		return perch_rest_error( 400, 'invalid-id', 'Post ids have at most 40 digits; got ' . mb_strlen( $id ) . ' characters.', $param );
	}
	if ( ! Perch_Json::is_post_id( $id ) ) {
		return perch_rest_error( 400, 'invalid-id', 'Post ids are digits only; "' . mb_substr( $id, 0, 40 ) . '" is not.', $param );
	}
	return null;
}

/** The answer for an id that cannot be answered now. */
function perch_posts_unavailable( array $answer ): WP_REST_Response {
	$headers = isset( $answer['retryAt'] ) ? array( 'Retry-After' => (string) max( 1, (int) $answer['retryAt'] - time() ) ) : array();
	return perch_rest_error( 'too-many-lookups' === $answer['unavailable'] ? 429 : 503, $answer['unavailable'], $answer['message'], null, $headers );
}

/**
 * `GET /v1/tweets/:id`.
 *
 * @param WP_REST_Request $request The request.
 */
function perch_rest_get_post( WP_REST_Request $request ): WP_REST_Response {
	perch_upstream_opt_out( 'true' === perch_rest_query_param( $request, 'dnt' ) );
	$id      = perch_rest_path_param( $request, 'id' );
	$problem = perch_posts_id_problem( $id, 'id' );
	if ( null !== $problem ) {
		return $problem;
	}
	$answer = perch_posts_answer( array( $id ) )[ $id ] ?? array( 'unavailable' => 'upstream-incomplete', 'message' => "The upstream gave no answer for $id." );
	if ( isset( $answer['unavailable'] ) ) {
		return perch_posts_unavailable( $answer );
	}
	$body   = (string) wp_json_encode( $answer, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
	$etag   = '"' . substr( rtrim( strtr( base64_encode( hash( 'sha256', $body, true ) ), '+/', '-_' ), '=' ), 0, 27 ) . '"';
	$status = 'tombstone' === $answer['kind'] && 'not-found' === $answer['reason'] ? 404 : 200;
	$match  = (string) $request->get_header( 'if-none-match' );
	if ( 200 === $status && '' !== $match && perch_posts_etag_matches( $match, $etag ) ) {
		return perch_rest_raw( 304, '', array( 'Cache-Control' => PERCH_POST_CACHE_CONTROL, 'ETag' => $etag ) );
	}
	return perch_rest_raw( $status, $body, array( 'Content-Type' => 'application/json; charset=utf-8', 'Cache-Control' => PERCH_POST_CACHE_CONTROL, 'ETag' => $etag ) );
}

/** Whether `If-None-Match` names `$etag` (or `*`); weak comparison, as RFC 9110 asks for GET. */
function perch_posts_etag_matches( string $header, string $etag ): bool {
	foreach ( explode( ',', $header ) as $tag ) {
		$tag = trim( $tag );
		if ( '*' === $tag || $tag === $etag || 'W/' . $etag === $tag ) {
			return true;
		}
	}
	return false;
}

/**
 * `GET /v1/tweets?ids=…`: one result per distinct id, in request order.
 *
 * @param WP_REST_Request $request The request.
 */
function perch_rest_get_posts( WP_REST_Request $request ): WP_REST_Response {
	perch_upstream_opt_out( 'true' === perch_rest_query_param( $request, 'dnt' ) );
	$raw = perch_rest_query_param( $request, 'ids' );
	if ( null === $raw || '' === trim( $raw ) ) {
		return perch_rest_error( 400, 'missing-ids', 'Pass ids=<id>[,<id>…] (up to 100).', 'ids' );
	}
	$ids = array_values( array_unique( array_map( 'trim', explode( ',', $raw ) ) ) );
	if ( count( $ids ) > PERCH_MAX_IDS_PER_REQUEST ) {
		return perch_rest_error( 400, 'too-many-ids', 'At most ' . PERCH_MAX_IDS_PER_REQUEST . ' ids per request; got ' . count( $ids ) . '.', 'ids' );
	}
	foreach ( $ids as $id ) {
		$problem = perch_posts_id_problem( $id, 'ids' );
		if ( null !== $problem ) {
			return $problem;
		}
	}
	$answers  = perch_posts_answer( $ids );
	$results  = array();
	$complete = true;
	foreach ( $ids as $id ) {
		$answer = $answers[ $id ] ?? array( 'unavailable' => 'upstream-incomplete', 'message' => "No answer for $id." );
		if ( isset( $answer['unavailable'] ) ) {
			$complete  = false;
			$results[] = array( 'kind' => 'unavailable', 'id' => $id, 'error' => array( 'code' => $answer['unavailable'], 'message' => $answer['message'] ) );
		} else {
			$results[] = $answer;
		}
	}
	return perch_rest_json( 200, array( 'results' => $results ), array( 'Cache-Control' => $complete ? PERCH_POST_CACHE_CONTROL : 'no-store' ) );
}

/** WP-Cron: check again the cached posts that are no longer fresh (at most 500 a run). */
function perch_posts_revalidate_due(): void {
	$list = get_option( 'perch_cached_posts', array() );
	if ( ! is_array( $list ) ) {
		return;
	}
	$due = array();
	$now = perch_now_ms();
	foreach ( $list as $id => $checked_at ) {
		if ( $now - (int) $checked_at >= PERCH_MAX_POST_AGE_MS ) {
			unset( $list[ $id ] );
		} elseif ( $now - (int) $checked_at >= perch_posts_fresh_ms() && count( $due ) < 500 ) {
			$due[] = (string) $id;
		}
	}
	update_option( 'perch_cached_posts', $list, false );
	foreach ( array_chunk( $due, PERCH_MAX_IDS_PER_REQUEST ) as $chunk ) {
		try {
			perch_posts_store( perch_upstream_lookup( $chunk ) );
		} catch ( Perch_Upstream_Error $e ) {
			return; // the entries stay until their 24 hours are up; visitors' requests check again
		}
	}
}

/** Whether this site answered post `$id` in the last 24 hours (impressions count only such posts). */
function perch_posts_served( string $id ): bool {
	$entry = perch_posts_cached( $id );
	return null !== $entry && 'post' === $entry['post']['kind'];
}
