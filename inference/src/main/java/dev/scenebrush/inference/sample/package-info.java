/** The bundled sample scene: the first painting the app shows and what the self-test renders. */
package dev.scenebrush.inference.sample;
