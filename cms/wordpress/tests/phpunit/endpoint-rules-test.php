<?php
/**
 * The built-in endpoint's rules that need no WordPress: the media host allowlist, model URL
 * rules, impressions batch checks, timeline inputs.
 *
 * @package Perch
 */

use PHPUnit\Framework\TestCase;

final class Perch_Endpoint_Rules_Test extends TestCase {
	public function test_only_https_urls_on_x_media_hosts_are_media(): void {
		foreach ( array( 'https://pbs.twimg.com/media/a.jpg', 'https://video.twimg.com/v.mp4?tag=1', 'https://PBS.twimg.com/a.jpg', 'https://pbs.twimg.com:443/a.jpg', 'https://abs.twimg.com/x.png', 'https://ton.twimg.com/x' ) as $url ) {
			$this->assertTrue( Perch_Safe_Urls::is_x_media_url( $url ), $url );
		}
		foreach ( array( 'http://pbs.twimg.com/a.jpg', 'https://pbs.twimg.com:8443/a.jpg', 'https://user:pw@pbs.twimg.com/a.jpg', 'https://pbs.twimg.com.evil.example/a.jpg', 'https://evil.example/pbs.twimg.com/a.jpg', 'javascript:alert(1)', 'https://127.0.0.1/a.jpg', 'https://pbs.twimg.com\\@evil.example/', '//pbs.twimg.com/a.jpg' ) as $url ) {
			$this->assertFalse( Perch_Safe_Urls::is_x_media_url( $url ), $url );
		}
	}

	public function test_a_post_carries_only_allowed_urls(): void {
		$post = Perch_Safe_Urls::post(
			array(
				'kind'   => 'post',
				'id'     => '1',
				'url'    => 'javascript:alert(1)',
				'author' => array( 'avatarUrl' => 'https://evil.example/a.png' ),
				'text'   => array( 'entities' => array( array( 'type' => 'url', 'url' => 'javascript:x', 'expandedUrl' => 'javascript:y', 'displayUrl' => 'x' ), array( 'type' => 'hashtag', 'tag' => 'ok' ) ) ),
				'media'  => array( array( 'type' => 'photo', 'url' => 'https://evil.example/p.jpg' ), array( 'type' => 'photo', 'url' => 'https://pbs.twimg.com/p.jpg' ) ),
				'card'   => array( 'url' => 'https://t.co/x', 'image' => array( 'url' => 'https://evil.example/i.jpg' ) ),
			)
		);
		$this->assertSame( 'https://x.com/i/status/1', $post['url'] );
		$this->assertSame( Perch_Safe_Urls::DEFAULT_AVATAR_URL, $post['author']['avatarUrl'] );
		$this->assertSame( array( array( 'type' => 'hashtag', 'tag' => 'ok' ) ), $post['text']['entities'] );
		$this->assertSame( array( array( 'type' => 'photo', 'url' => 'https://pbs.twimg.com/p.jpg' ) ), $post['media'] );
		$this->assertArrayNotHasKey( 'image', $post['card'] );
	}

	private function batch( array $events, array $extra = array() ): stdClass {
		return json_decode( json_encode( array_merge( array( 'v' => 1, 'pageView' => str_repeat( 'a', 22 ), 'site' => 'https://news.example', 'path' => '/a', 'events' => $events ), $extra ) ) );
	}

	private function refusal( stdClass $body ): array {
		try {
			perch_impressions_validate( $body, 1767225600000 );
		} catch ( Perch_Batch_Error $e ) {
			return array( $e->status, $e->reason, $e->param );
		}
		return array();
	}

	public function test_an_impressions_batch_is_checked_field_by_field(): void {
		$ok = array( 'seq' => 0, 'kind' => 'post', 'type' => 'rendered', 'id' => '20', 'ts' => 1767225600000 );
		$this->assertSame( array( array( 'seq' => 0, 'kind' => 'post', 'type' => 'rendered', 'id' => '20', 'ts' => 1767225600000 ) ), perch_impressions_validate( $this->batch( array( $ok ) ), 1767225600000 )['events'] );
		$this->assertSame( array( 400, 'unknown-field', 'ip' ), $this->refusal( $this->batch( array( $ok ), array( 'ip' => '1.2.3.4' ) ) ) );
		$this->assertSame( array( 400, 'duplicate-seq', 'events[1].seq' ), $this->refusal( $this->batch( array( $ok, $ok ) ) ) );
		$this->assertSame( array( 400, 'invalid-site', 'site' ), $this->refusal( $this->batch( array( $ok ), array( 'site' => 'https://News.example/path' ) ) ) );
		$this->assertSame( array( 400, 'invalid-path', 'path' ), $this->refusal( $this->batch( array( $ok ), array( 'path' => '/a b' ) ) ) );
		$this->assertSame( array( 400, 'invalid-id', 'events[0].id' ), $this->refusal( $this->batch( array( array_merge( $ok, array( 'kind' => 'timeline', 'id' => 'no spaces' ) ) ) ) ) );
		$this->assertSame( array( 400, 'future-timestamp', 'events[0].ts' ), $this->refusal( $this->batch( array( array_merge( $ok, array( 'ts' => 1767225600000 + 700000 ) ) ) ) ) );
		$this->assertSame( array( 413, 'too-many-events', 'events' ), $this->refusal( $this->batch( array_map( fn( $i ) => array_merge( $ok, array( 'seq' => $i ) ), range( 0, 500 ) ) ) ) );
	}

	public function test_timeline_inputs(): void {
		$this->assertNull( perch_timeline_query_problem( array( 'type' => 'profile', 'screenName' => 'XDevelopers' ) ) );
		$this->assertNotNull( perch_timeline_query_problem( array( 'type' => 'profile', 'screenName' => 'sixteen_letters_' ) ) );
		$this->assertNotNull( perch_timeline_query_problem( array( 'type' => 'list', 'ownerScreenName' => 'a', 'slug' => '-x' ) ) );
		$this->assertSame( 'perch-demo', perch_timeline_slug( 'Perch Demo!' ) );
	}

	public function test_syndication_token_is_the_one_x_widget_computes(): void {
		// Expected values from JavaScript: ((Number(id) / 1e15) * Math.PI).toString(36).replace(/(0+|\.)/g, '').
		$this->assertSame( '3z7miaszni8', perch_syndication_token( '1641086480675225601' ) );
		$this->assertSame( '6dq1a2xwd93', perch_syndication_token( '20' ) );
		$this->assertSame( 'ltecpm2ens', perch_syndication_token( '9000000000000000004' ) );
		$this->assertSame( 'bhi2ay3f28n', perch_syndication_token( '1' ) );
	}
}
