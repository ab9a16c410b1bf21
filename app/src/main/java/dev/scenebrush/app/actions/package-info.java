/**
 * Commands as objects. An {@link dev.scenebrush.app.actions.Action} holds a command's name,
 * shortcut and enabled (or selected) state; menus, buttons and shortcuts are made from it, so they
 * cannot disagree about what the command is or whether it can run now. The window rebinds that
 * state to each document view it shows.
 */
package dev.scenebrush.app.actions;
