<?php
/**
 * X's post, profile and list URLs.
 *
 * @package Perch
 */

use PHPUnit\Framework\TestCase;

final class Post_Urls_Test extends TestCase {
	/** @return array<string, array{string, ?string, string}> */
	public static function post_urls(): array {
		return array(
			'x.com'          => array( 'https://x.com/SamuelSusla/status/1641086480675225601', '1641086480675225601', 'SamuelSusla' ),
			'twitter.com'    => array( 'https://twitter.com/SamuelSusla/status/1641086480675225601?ref_src=twsrc%5Etfw', '1641086480675225601', 'SamuelSusla' ),
			'mobile, statuses' => array( 'http://mobile.twitter.com/a_b/statuses/20', '20', 'a_b' ),
			'i/web'          => array( 'https://x.com/i/web/status/20', '20', '' ),
			'photo suffix'   => array( 'https://x.com/jack/status/20/photo/1', '20', 'jack' ),
			'other host'     => array( 'https://x.com.evil.example/jack/status/20', null, '' ),
			'profile'        => array( 'https://x.com/jack', null, '' ),
		);
	}

	/** @dataProvider post_urls */
	public function test_post_urls( string $url, ?string $id, string $handle ): void {
		$post = perch_parse_post_url( $url );
		$this->assertSame( $id, $post['id'] ?? null );
		if ( null !== $id ) {
			$this->assertSame( $handle, $post['screen_name'] );
		}
	}

	public function test_timeline_urls(): void {
		$this->assertSame( array( 'screen-name' => 'TwitterDev' ), perch_parse_timeline_url( 'https://twitter.com/TwitterDev' ) );
		$this->assertSame( array( 'owner-screen-name' => 'TwitterDev', 'slug' => 'perch-demo' ), perch_parse_timeline_url( 'https://x.com/TwitterDev/lists/perch-demo' ) );
		$this->assertNull( perch_parse_timeline_url( 'https://x.com/home' ) );
		$this->assertNull( perch_parse_timeline_url( 'https://example.com/TwitterDev' ) );
	}
}
