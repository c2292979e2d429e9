/**
 * Cookies, Gemini keys and Vertex service accounts: their state machines, reasons, selection and the store port that persists them.
 */
package io.clewdr.credential;
