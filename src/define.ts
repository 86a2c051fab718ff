/** Registers every Perch element. */
import './tweet/tweet.js';

export * from './index.js';
