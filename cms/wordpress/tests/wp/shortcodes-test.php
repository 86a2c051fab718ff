<?php
/**
 * The retired plugin's shortcode attributes map onto the elements' vocabulary.
 *
 * @package Perch
 */

use PHPUnit\Framework\TestCase;

final class Shortcodes_Test extends TestCase {
	/**
	 * Runs one shortcode's callback as WordPress would: attributes parsed by shortcode_parse_atts().
	 *
	 * @param string $shortcode `[name attributes]`.
	 */
	private function render( string $shortcode ): string {
		$this->assertSame( 1, preg_match( '/^\[(\w+)\s*(.*)\]$/s', $shortcode, $m ) );
		$callbacks = array(
			'tweet'           => 'perch_shortcode_tweet',
			'twitter_video'   => 'perch_shortcode_video',
			'twitter_profile' => 'perch_shortcode_profile',
			'twitter_list'    => 'perch_shortcode_list',
			'twitter_follow'  => 'perch_shortcode_follow',
			'twitter_share'   => 'perch_shortcode_share',
		);
		return call_user_func( $callbacks[ $m[1] ], shortcode_parse_atts( $m[2] ) );
	}

	public function test_tweet_options(): void {
		$this->assertMatchesRegularExpression( '/^<perch-tweet tweet-id="20" hide-cards hide-thread dnt[ >]/', $this->render( '[tweet 20 conversation="none" cards="hidden" dnt="true"]' ) );
		$this->assertMatchesRegularExpression( '/^<perch-tweet tweet-id="20" hide-cards hide-thread[ >]/', $this->render( '[tweet tweet="https://twitter.com/jack/status/20" hide_thread="true" hide_media="1"]' ) );
		$this->assertSame( '', $this->render( '[tweet id="not-a-post"]' ) );
	}

	public function test_timeline_options(): void {
		$this->assertStringStartsWith( '<perch-timeline screen-name="TwitterDev" tweet-limit="5" height="600" width="300" chrome="noheader" border-color="#cccccc" live-region="assertive" lang="fr" theme="dark">', $this->render( '[twitter_profile screen_name="TwitterDev" limit="5" height="600" width="300" chrome="noheader" border_color="#cccccc" aria_polite="assertive" lang="fr" theme="dark"]' ) );
		$this->assertSame( '', $this->render( '[twitter_list screen_name="TwitterDev"]' ) );
	}

	public function test_buttons(): void {
		$this->assertSame( '<perch-follow-button screen-name="jack"></perch-follow-button>', $this->render( '[twitter_follow screen_name="jack" show_count="true"]' ) );
		$this->assertSame( '<perch-share-button text="Hi" via="jack" size="large"></perch-share-button>', $this->render( '[twitter_share text="Hi" via="@jack" size="large" in_reply_to="20"]' ) );
	}
}
