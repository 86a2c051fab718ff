<?php
/**
 * Timeline routes: `GET /v1/timelines/profile/:name`, `/profile/id/:userId`, `/list/:id` and
 * `/list/:owner/:slug`, each with `?cursor=&limit=&replies=`, from X API v2 (timelines need the
 * bearer token; without one every timeline route answers 501). A port of
 * server/timelines/timeline-routes.ts and x-api-v2-timelines.ts: inputs checked before any
 * lookup, X's pagination tokens carried in Perch's opaque cursor, pages cached in transients for
 * `PERCH_TIMELINE_CACHE_SECONDS` (default 60) and served for at most an hour when X fails.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Posts per page: fewest, most, default. */
const PERCH_TIMELINE_LIMITS = array( 1, 20, 10 );

/** Most X pages read to fill one Perch page. */
const PERCH_TIMELINE_MAX_ROUNDS = 3;

/** A cursor that does not belong to the timeline. */
final class Perch_Cursor_Error extends Exception {}

/**
 * `GET /v1/timelines/…`.
 *
 * @param WP_REST_Request $request The request.
 */
function perch_rest_get_timeline( WP_REST_Request $request ): WP_REST_Response {
	$params = $request->get_url_params();
	if ( isset( $params['userId'] ) ) {
		$query = array( 'type' => 'profile', 'userId' => perch_rest_path_param( $request, 'userId' ) );
		$param = 'userId';
	} elseif ( isset( $params['name'] ) ) {
		$query = array( 'type' => 'profile', 'screenName' => perch_rest_path_param( $request, 'name' ) );
		$param = 'name';
	} elseif ( isset( $params['slug'] ) ) {
		$query = array( 'type' => 'list', 'ownerScreenName' => perch_rest_path_param( $request, 'owner' ), 'slug' => perch_rest_path_param( $request, 'slug' ) );
		$param = preg_match( '/^[A-Za-z0-9_]{1,15}$/D', $query['ownerScreenName'] ) ? 'slug' : 'owner';
	} else {
		$query = array( 'type' => 'list', 'listId' => perch_rest_path_param( $request, 'id' ) );
		$param = 'id';
	}
	if ( 'x-api-v2' !== perch_upstream_name() ) {
		return perch_rest_error( 501, 'timelines-unsupported', 'Timelines need the X API (a bearer token); X\'s syndication data cannot list an account\'s posts.' );
	}
	$problem = perch_timeline_query_problem( $query );
	if ( null !== $problem ) {
		$code = 'list' === $query['type'] && 'owner' !== $param ? ( 'slug' === $param ? 'invalid-slug' : 'invalid-list-id' ) : ( 'userId' === $param ? 'invalid-user-id' : 'invalid-screen-name' );
		return perch_rest_error( 400, $code, $problem, $param );
	}
	$raw_limit = perch_rest_query_param( $request, 'limit' );
	$limit     = PERCH_TIMELINE_LIMITS[2];
	if ( null !== $raw_limit && '' !== $raw_limit ) {
		if ( ! preg_match( '/^[0-9]{1,3}$/D', $raw_limit ) || (int) $raw_limit < PERCH_TIMELINE_LIMITS[0] || (int) $raw_limit > PERCH_TIMELINE_LIMITS[1] ) {
			return perch_rest_error( 400, 'invalid-limit', 'limit must be a whole number from ' . PERCH_TIMELINE_LIMITS[0] . ' to ' . PERCH_TIMELINE_LIMITS[1] . ', got "' . mb_substr( $raw_limit, 0, 20 ) . '".', 'limit' );
		}
		$limit = (int) $raw_limit;
	}
	$cursor = perch_rest_query_param( $request, 'cursor' );
	$cursor = null === $cursor || '' === $cursor ? null : $cursor;
	if ( null !== $cursor && ! preg_match( '/^[A-Za-z0-9_-]{1,64}$/D', $cursor ) ) {
		return perch_rest_error( 400, 'invalid-cursor', 'The cursor is malformed (use nextCursor from a previous page).', 'cursor' );
	}
	$flags = array();
	foreach ( array( 'replies', 'dnt' ) as $name ) {
		$raw = perch_rest_query_param( $request, $name );
		if ( null !== $raw && '' !== $raw && 'true' !== $raw && 'false' !== $raw ) {
			return perch_rest_error( 400, "invalid-$name", "$name must be true or false.", $name );
		}
		$flags[ $name ] = 'true' === $raw;
	}
	$key    = 'perch_tl_' . md5( wp_json_encode( array( $query, $cursor, $limit, $flags['replies'] ) ) );
	$cached = get_transient( $key );
	$fresh  = 1000 * max( 0, (int) perch_rest_constant( 'PERCH_TIMELINE_CACHE_SECONDS', 60 ) );
	$now    = perch_now_ms();
	if ( is_array( $cached ) && $now - (int) $cached['checkedAt'] < $fresh ) {
		return perch_rest_json( 200, $cached['page'], array( 'Cache-Control' => 'public, max-age=' . min( 60, intdiv( $fresh, 1000 ) ) ) );
	}
	try {
		$page = perch_timeline_page( $query, $cursor, $limit, $flags['replies'] );
	} catch ( Perch_Cursor_Error $e ) {
		return perch_rest_error( 400, 'invalid-cursor', $e->getMessage(), 'cursor' );
	} catch ( Perch_Upstream_Error $e ) {
		if ( is_array( $cached ) ) {
			// Kept at most an hour after its last successful check, to stand in while X fails.
			return perch_rest_json( 200, $cached['page'], array( 'Cache-Control' => 'public, max-age=0' ) );
		}
		if ( 'rate-limited' === $e->kind ) {
			return perch_rest_error( 503, 'upstream-rate-limited', 'The X upstream is rate-limited; try again later.', null, array( 'Retry-After' => (string) max( 1, $e->reset_at - time() ) ) );
		}
		return perch_rest_error( 502, 'upstream-error', 'The X upstream did not answer (' . $e->kind . '); try again later.' );
	}
	if ( null === $page ) {
		return perch_rest_error( 404, 'not-found', 'No such ' . ( 'profile' === $query['type'] ? 'profile' : 'list' ) . ' timeline.' );
	}
	set_transient( $key, array( 'page' => $page, 'checkedAt' => $now ), HOUR_IN_SECONDS );
	return perch_rest_json( 200, $page, array( 'Cache-Control' => 'public, max-age=' . min( 60, intdiv( $fresh, 1000 ) ) ) );
}

/** Why a timeline query is not valid, or null when it is. */
function perch_timeline_query_problem( array $query ): ?string {
	$screen = '/^[A-Za-z0-9_]{1,15}$/D';
	$id     = '/^[0-9]{1,20}$/D';
	if ( 'profile' === $query['type'] ) {
		if ( isset( $query['userId'] ) ) {
			return preg_match( $id, $query['userId'] ) ? null : "\"{$query['userId']}\" is not a user id (digits only, at most 20).";
		}
		return preg_match( $screen, $query['screenName'] ) ? null : "\"{$query['screenName']}\" is not a screen name (1–15 letters, digits or _).";
	}
	if ( isset( $query['listId'] ) ) {
		return preg_match( $id, $query['listId'] ) ? null : "\"{$query['listId']}\" is not a list id (digits only, at most 20).";
	}
	if ( ! preg_match( $screen, $query['ownerScreenName'] ) ) {
		return "\"{$query['ownerScreenName']}\" is not a screen name (1–15 letters, digits or _).";
	}
	return preg_match( '/^[A-Za-z0-9][A-Za-z0-9_-]{0,24}$/D', $query['slug'] ) ? null : "\"{$query['slug']}\" is not a list slug.";
}

/** A timeline owner from a v2 user object. */
function perch_timeline_owner( stdClass $u, string $path ): array {
	$type     = Perch_Json::opt_str( $u, 'verified_type', $path );
	$verified = in_array( $type, array( 'business', 'government', 'blue' ), true ) ? $type : ( true === Perch_Json::get( $u, 'verified' ) ? 'legacy' : 'none' );
	return array(
		'id'          => Perch_Json::str( $u, 'id', $path ),
		'name'        => Perch_Json::str( $u, 'name', $path ),
		'handle'      => Perch_Json::str( $u, 'username', $path ),
		'avatarUrl'   => Perch_Json::opt_str( $u, 'profile_image_url', $path ) ?? Perch_Safe_Urls::DEFAULT_AVATAR_URL,
		'avatarShape' => 'business' === $verified ? 'square' : 'circle',
		'verified'    => $verified,
	);
}

/** A list's slug from its name. */
function perch_timeline_slug( string $name ): string {
	return trim( (string) preg_replace( '/[^a-z0-9_-]+/', '-', strtolower( $name ) ), '-' );
}

/** The user object at an X API path, or null. */
function perch_timeline_user( string $path ): ?stdClass {
	$body = perch_x_api_get( $path, array( 'user.fields' => perch_x_api_user_fields() ) );
	return $body instanceof stdClass && Perch_Json::get( $body, 'data' ) instanceof stdClass ? $body->data : null;
}

/** Where a query's posts come from (source, title, owner, posts path), or null when X has no such timeline. */
function perch_timeline_resolve( array $query ): ?array {
	if ( 'profile' === $query['type'] ) {
		$u = isset( $query['userId'] ) ? perch_timeline_user( '/2/users/' . $query['userId'] ) : perch_timeline_user( '/2/users/by/username/' . rawurlencode( $query['screenName'] ) );
		if ( null === $u ) {
			return null;
		}
		$owner = perch_timeline_owner( $u, '$.data' );
		return array(
			'source'     => array( 'type' => 'profile', 'userId' => $owner['id'], 'handle' => $owner['handle'] ),
			'title'      => $owner['name'],
			'owner'      => $owner,
			'postsPath'  => '/2/users/' . $owner['id'] . '/tweets',
			'minResults' => 5,
		);
	}
	if ( isset( $query['listId'] ) ) {
		$body = perch_x_api_get( '/2/lists/' . $query['listId'], array( 'list.fields' => 'name,description,owner_id', 'expansions' => 'owner_id', 'user.fields' => perch_x_api_user_fields() ) );
		if ( ! ( $body instanceof stdClass ) || ! ( Perch_Json::get( $body, 'data' ) instanceof stdClass ) ) {
			return null;
		}
		$list     = $body->data;
		$owner_id = Perch_Json::opt_str( $list, 'owner_id', '$.data' );
		$users    = Perch_Json::get( $body, 'includes' ) instanceof stdClass ? Perch_Json::arr( $body->includes, 'users', '$.includes' ) : array();
		$u        = null;
		foreach ( $users as $candidate ) {
			if ( $candidate instanceof stdClass && Perch_Json::get( $candidate, 'id' ) === $owner_id ) {
				$u = $candidate;
				break;
			}
		}
		if ( null === $u ) {
			throw new Perch_Payload_Error( 'missing-field', '$.includes.users', 'the list owner was not expanded' );
		}
		$owner = perch_timeline_owner( $u, '$.includes.users' );
	} else {
		$u = perch_timeline_user( '/2/users/by/username/' . rawurlencode( $query['ownerScreenName'] ) );
		if ( null === $u ) {
			return null;
		}
		$owner = perch_timeline_owner( $u, '$.data' );
		$body  = perch_x_api_get( '/2/users/' . $owner['id'] . '/owned_lists', array( 'list.fields' => 'name,description', 'max_results' => '100' ) );
		$lists = $body instanceof stdClass ? Perch_Json::arr( $body, 'data', '$' ) : array();
		$list  = null;
		foreach ( $lists as $candidate ) {
			if ( $candidate instanceof stdClass && is_string( Perch_Json::get( $candidate, 'name' ) ) && perch_timeline_slug( $candidate->name ) === strtolower( $query['slug'] ) ) {
				$list = $candidate;
				break;
			}
		}
		if ( null === $list ) {
			return null;
		}
	}
	$name     = Perch_Json::str( $list, 'name', '$.data' );
	$resolved = array(
		'source'     => array( 'type' => 'list', 'listId' => Perch_Json::str( $list, 'id', '$.data' ), 'ownerHandle' => $owner['handle'], 'slug' => perch_timeline_slug( $name ) ),
		'title'      => $name,
		'owner'      => $owner,
		'postsPath'  => '/2/lists/' . Perch_Json::str( $list, 'id', '$.data' ) . '/tweets',
		'minResults' => 1,
	);
	$description = Perch_Json::opt_str( $list, 'description', '$.data' );
	if ( null !== $description && '' !== $description ) {
		$resolved['description'] = $description;
	}
	return $resolved;
}

/**
 * One page of a timeline, or null when X has no such timeline.
 *
 * @param array       $query   The checked query.
 * @param string|null $cursor  `nextCursor` of the previous page.
 * @param int         $limit   Posts per page.
 * @param bool        $replies Include replies.
 */
function perch_timeline_page( array $query, ?string $cursor, int $limit, bool $replies ): ?array {
	$skip  = 0;
	$token = '';
	if ( null !== $cursor ) {
		if ( ! preg_match( '/^v([0-9]{1,3})_([A-Za-z0-9]{0,58})$/D', $cursor, $m ) ) {
			throw new Perch_Cursor_Error( 'The cursor is malformed (use nextCursor from a previous page).' );
		}
		$skip  = (int) $m[1];
		$token = $m[2];
	}
	try {
		$resolved = perch_timeline_resolve( $query );
	} catch ( Perch_Payload_Error $e ) {
		throw new Perch_Upstream_Error( 'malformed', 'X API timeline body did not fit: ' . $e->getMessage() );
	}
	if ( null === $resolved ) {
		return null;
	}
	$shown = array();
	$next  = null;
	for ( $round = 0; $round < PERCH_TIMELINE_MAX_ROUNDS; $round++ ) {
		$wanted = min( 100, max( $resolved['minResults'], $skip + $limit - count( $shown ) ) );
		$params = array_merge( array( 'max_results' => (string) $wanted ), perch_x_api_post_params() );
		if ( '' !== $token ) {
			$params['pagination_token'] = $token;
		}
		if ( ! $replies && 'profile' === $resolved['source']['type'] ) {
			$params['exclude'] = 'replies';
		}
		$body = perch_x_api_get( $resolved['postsPath'], $params );
		if ( null === $body ) {
			return null;
		}
		try {
			$options = array( 'now' => perch_now_ms() );
			if ( 'profile' === $resolved['source']['type'] ) {
				$options['author'] = $resolved['owner'];
			}
			$page       = Perch_Normalize_X_Api_V2::timeline( $body, $options );
			$posts      = $page['posts'];
			$next_token = null !== $page['nextToken'] && preg_match( '/^[A-Za-z0-9]{1,58}$/D', $page['nextToken'] ) ? $page['nextToken'] : null;
		} catch ( Perch_Payload_Error $e ) {
			throw new Perch_Upstream_Error( 'malformed', 'X API timeline body did not fit: ' . $e->getMessage() );
		}
		if ( $skip > count( $posts ) ) {
			throw new Perch_Cursor_Error( 'The cursor does not belong to this timeline.' );
		}
		$i = $skip;
		for ( ; $i < count( $posts ) && count( $shown ) < $limit; $i++ ) {
			if ( $replies || ! isset( $posts[ $i ]['replyTo'] ) ) {
				$shown[] = $posts[ $i ];
			}
		}
		if ( $i < count( $posts ) ) {
			$next = array( $i, $token );
			break;
		}
		$next = null === $next_token ? null : array( 0, $next_token );
		if ( null === $next || count( $shown ) >= $limit ) {
			break;
		}
		$token = $next[1];
		$skip  = 0;
	}
	$source     = $resolved['source'];
	$newest_key = 'perch_tl_newest_' . md5( $source['type'] . ':' . ( $source['userId'] ?? $source['listId'] ) . ':' . ( $replies ? 'true' : 'false' ) );
	if ( null === $cursor ) {
		set_transient( $newest_key, $shown[0]['id'] ?? '', DAY_IN_SECONDS );
	}
	$newest = get_transient( $newest_key );
	$result = array(
		'kind'       => 'timeline',
		'version'    => 1,
		'source'     => $source,
		'title'      => $resolved['title'],
		'url'        => 'profile' === $source['type'] ? 'https://x.com/' . rawurlencode( $source['handle'] ) : 'https://x.com/i/lists/' . $source['listId'],
		'owner'      => $resolved['owner'],
		'posts'      => $shown,
		'nextCursor' => null === $next ? null : 'v' . $next[0] . '_' . $next[1],
		'newestId'   => is_string( $newest ) && '' !== $newest ? $newest : ( $shown[0]['id'] ?? null ),
	);
	if ( isset( $resolved['description'] ) ) {
		$result['description'] = $resolved['description'];
	}
	return $result;
}
