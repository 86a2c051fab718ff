<?php
/**
 * The element builder: attributes are cleaned by kind, unknown ones dropped, booleans by presence.
 *
 * @package Perch
 */

use PHPUnit\Framework\TestCase;

final class Markup_Test extends TestCase {
	public function test_attributes_are_cleaned_and_escaped(): void {
		$html = perch_element(
			'perch-tweet',
			array(
				'tweet-id'    => '123',
				'theme'       => 'DARK',
				'width'       => '400px',
				'align'       => 'middle',
				'hide-cards'  => true,
				'hide-thread' => false,
				'onclick'     => 'alert(1)',
				'lang'        => 'en"><script>',
			)
		);
		$this->assertSame( '<perch-tweet tweet-id="123" hide-cards theme="dark"></perch-tweet>', $html );
	}

	public function test_untrusted_text_is_escaped(): void {
		$html = perch_element( 'perch-share-button', array( 'text' => 'Tom & "Jerry" <b>', 'url' => 'javascript:alert(1)' ) );
		$this->assertSame( '<perch-share-button text="Tom &amp; &quot;Jerry&quot;"></perch-share-button>', $html );
	}

	public function test_handles_hashtags_and_colours(): void {
		$this->assertSame( 'TwitterDev', perch_clean_attribute( 'handle', '@TwitterDev' ) );
		$this->assertNull( perch_clean_attribute( 'handle', 'not a handle' ) );
		$this->assertSame( 'perch,news', perch_clean_attribute( 'hashtags', '#perch, news, bad tag' ) );
		$this->assertSame( '#1da1f2', perch_clean_attribute( 'color', '#1da1f2' ) );
		$this->assertNull( perch_clean_attribute( 'color', 'red;background:url(x)' ) );
		$this->assertSame( 'noheader nofooter', perch_clean_attribute( 'chrome', 'noheader evil nofooter' ) );
	}

	public function test_unknown_elements_render_nothing(): void {
		$this->assertSame( '', perch_element( 'script', array() ) );
	}
}
