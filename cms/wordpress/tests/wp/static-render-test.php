<?php
/**
 * Static HTML from an embed server: how long an answer may be kept (the server's freshness,
 * never past X's 24 hours), which answers are accepted, and the marks that content filters
 * must not reach.
 *
 * @package Perch
 */

use PHPUnit\Framework\TestCase;

final class Static_Render_Test extends TestCase {
	public function test_kept_for_the_servers_freshness_less_its_age_and_never_past_a_day(): void {
		$this->assertSame( 300, perch_static_render_ttl( 'public, max-age=300, stale-while-revalidate=600' ) );
		$this->assertSame( 180, perch_static_render_ttl( 'public, max-age=300', '120' ) );
		$this->assertSame( 0, perch_static_render_ttl( 'public, max-age=300', '900' ) );
		$this->assertSame( 60, perch_static_render_ttl( 'public, max-age=300, s-maxage=60' ) );
		$this->assertSame( DAY_IN_SECONDS, perch_static_render_ttl( 'public, max-age=31536000' ) );
	}

	public function test_not_kept_without_a_lifetime_or_when_the_server_forbids_it(): void {
		$this->assertSame( 0, perch_static_render_ttl( '' ) );
		$this->assertSame( 0, perch_static_render_ttl( 'no-store' ) );
		$this->assertSame( 0, perch_static_render_ttl( 'no-cache, max-age=300' ) );
		$this->assertSame( 0, perch_static_render_ttl( 'private, max-age=300' ) );
	}

	public function test_only_one_rendered_post_for_the_id_asked_for_is_accepted(): void {
		$good = '<perch-tweet tweet-id="20" theme="light"><template shadowroot="open" shadowrootmode="open"><p>x</p></template><script type="application/json">{}</script></perch-tweet>';
		$this->assertTrue( perch_is_rendered_post( $good, '20' ) );
		$this->assertTrue( perch_is_rendered_post( "\n" . $good . "\n", '20' ) );
		$this->assertFalse( perch_is_rendered_post( $good, '21' ), 'another post' );
		$this->assertFalse( perch_is_rendered_post( '<script>alert(1)</script>' . $good, '20' ), 'something before it' );
		$this->assertFalse( perch_is_rendered_post( $good . '<script>alert(1)</script>', '20' ), 'something after it' );
		$this->assertFalse( perch_is_rendered_post( '<perch-tweet tweet-id="20"></perch-tweet>', '20' ), 'no shadow root' );
		$this->assertFalse( perch_is_rendered_post( '{"error":{"code":"not-found"}}', '20' ), 'an error body' );
	}

	public function test_marks_become_the_static_html_after_the_content_filters(): void {
		$static  = '<perch-tweet tweet-id="20"><template shadowrootmode="open">"quoted" -- text</template></perch-tweet>';
		$element = '<perch-tweet tweet-id="20"><blockquote class="perch-fallback"><p><a href="https://x.com/i/web/status/20">View this post on X</a></p></blockquote></perch-tweet>';
		$mark    = perch_static_placeholder( $element, $static );
		$this->assertStringStartsWith( '<perch-tweet data-perch-static="', $mark );
		// What wpautop and wptexturize may have made of the mark's fallback does not matter.
		$filtered = '<p>Before</p><p>' . str_replace( 'View this', 'View&#8217;s this', $mark ) . "</p>\n<p>After</p>";
		$this->assertSame( '<p>Before</p><p>' . $static . "</p>\n<p>After</p>", perch_fill_static_posts( $filtered ) );
		$this->assertSame( $element, perch_fill_static_posts( $element ), 'content without marks is left alone' );
	}
}
