<?php
/**
 * Old content: X's widgets.js script tags are removed wherever X served them from; other scripts stay.
 *
 * @package Perch
 */

use PHPUnit\Framework\TestCase;

final class Content_Test extends TestCase {
	public function test_x_script_tags_are_removed(): void {
		$variants = array(
			'<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
			'<script async="" src="//platform.twitter.com/widgets.js"></script>',
			"<script charset='utf-8' src='https://platform.x.com/widgets.js' async></script>",
			'<SCRIPT src=https://platform.twitter.com/widgets.js></SCRIPT>',
		);
		foreach ( $variants as $tag ) {
			$this->assertSame( '<blockquote class="twitter-tweet">x</blockquote> ', perch_strip_x_script( '<blockquote class="twitter-tweet">x</blockquote> ' . $tag ), $tag );
		}
	}

	public function test_other_scripts_stay(): void {
		$content = '<script src="https://example.com/widgets.js"></script><p>widgets.js</p>';
		$this->assertSame( $content, perch_strip_x_script( $content ) );
	}
}
