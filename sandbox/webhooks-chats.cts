import { newId } from './ids.cjs';

/**
 * Chat messages, kept only as far as webhooks need them: `chat.created` carries the message,
 * and `POST /test/webhooks/fire` replays the newest one. Tests add messages through the JS API
 * or `POST /__sandbox/chats`.
 */

export interface ChatRecord {
	id: string;
	caseId: string;
	dateCreated: number;
	message: string;
	/** 0 = Partner, 1 = Creditor, 2 = Managed by partner (ChatDto.role). */
	role: 0 | 1 | 2;
	userEmail: string;
}

export const CHAT_ROLE_LABELS = ['Partner', 'Creditor', 'Managed by partner'] as const;

export class ChatLog {
	private readonly chats: ChatRecord[] = [];

	add(
		input: { id?: string; caseId: string; message: string; role?: 0 | 1 | 2; userEmail?: string },
		now: number,
	): ChatRecord {
		const chat: ChatRecord = {
			id: input.id ?? newId(),
			caseId: input.caseId,
			dateCreated: now,
			message: input.message,
			role: input.role ?? 0,
			userEmail: input.userEmail ?? 'partner@example.com',
		};
		this.chats.push(chat);
		return chat;
	}

	newestOf(caseId: string): ChatRecord | undefined {
		return this.chats.filter((c) => c.caseId === caseId).at(-1);
	}

	/** A hard-deleted case takes its messages with it. */
	forgetCase(caseId: string): void {
		for (let i = this.chats.length - 1; i >= 0; i--)
			if (this.chats[i].caseId === caseId) this.chats.splice(i, 1);
	}

	clear(): void {
		this.chats.length = 0;
	}
}
