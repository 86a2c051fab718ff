<?php
/**
 * Saving settings: the settings page's own form turns an unticked yes/no setting off; code that
 * saves a few keys (a deploy script, another plugin) leaves the others as they were.
 *
 * @package Perch
 */

use PHPUnit\Framework\TestCase;

final class Settings_Test extends TestCase {
	/** @var mixed */
	private $before;

	protected function setUp(): void {
		$this->before = get_option( PERCH_OPTION, false );
		update_option( PERCH_OPTION, array( 'first_party_before_consent' => true, 'child_directed' => false, 'theme' => 'light' ) );
	}

	protected function tearDown(): void {
		if ( false === $this->before ) {
			delete_option( PERCH_OPTION );
		} else {
			update_option( PERCH_OPTION, $this->before );
		}
	}

	public function test_saving_some_keys_from_code_keeps_the_yes_no_settings(): void {
		$clean = perch_sanitize_settings( array( 'theme' => 'dark' ) );
		$this->assertSame( 'dark', $clean['theme'] );
		$this->assertTrue( $clean['first_party_before_consent'], 'a key the caller did not send stays as saved' );
		$this->assertFalse( $clean['child_directed'] );
	}

	public function test_a_yes_no_key_sent_from_code_is_applied(): void {
		$clean = perch_sanitize_settings( array( 'first_party_before_consent' => '0', 'child_directed' => '1' ) );
		$this->assertFalse( $clean['first_party_before_consent'] );
		$this->assertTrue( $clean['child_directed'] );
	}

	public function test_the_settings_form_turns_an_unticked_box_off(): void {
		$clean = perch_sanitize_settings( array( '_form' => '1', 'theme' => 'auto' ) );
		$this->assertFalse( $clean['first_party_before_consent'], 'an unticked box is absent from the form' );
		$this->assertArrayNotHasKey( '_form', $clean );
	}
}
