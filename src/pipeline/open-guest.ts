import type { GuestAccess } from '../output/guest.js';

/** An open guest and what closes it (a session, a private copy of its files). */
export interface OpenGuest extends GuestAccess {
  close?: () => Promise<void>;
}
