import type { Actor } from '../auth/actor.ts';
import { can, covers } from '../access/index.ts';

/** Who may do what to a bulletin already in the actor's reach (the `bulletin` kind). */
export const bulletinPolicy = {
  /** Issued by the actor's organization or one below it: it may edit, number, publish or delete the draft. */
  edit: (actor: Actor, b: { org_path: string }) => can(actor, 'bulletin.write') && covers(actor, b.org_path),
  /** Drafts are read by those who may write bulletins; everyone else reads published ones only. */
  readsDrafts: (actor: Actor) => can(actor, 'bulletin.write'),
};
