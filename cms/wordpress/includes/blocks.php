<?php
/**
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;
