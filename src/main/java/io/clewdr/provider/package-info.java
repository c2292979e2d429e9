/**
 * The backends: one sub-package each, building upstream requests and classifying upstream answers into outcomes.
 */
package io.clewdr.provider;
