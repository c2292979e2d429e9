/**
 * One translator per (from, to, direction): requests, complete responses and streams. Pure.
 */
package io.clewdr.translate;
