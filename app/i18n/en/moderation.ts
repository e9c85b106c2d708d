import type { moderation as nl } from "../nl/moderation";

/** English texts for moderation. */
export const moderation = {
  "moderation.kind.knelpunt": "problem spot",
  "moderation.kind.measure": "measure",
  "moderation.kind.reaction": "reaction",
  "moderation.kind.answer": "answer",

  "moderation.nudge.error":
    "You write about origin, skin colour or religion ({words}). Please describe what happens, where and when. Not who someone seems to be.",
  "moderation.nudge.title": "Would you like to change your text?",
  "moderation.nudge.body":
    "Change your text above and post it again. Or post it as it is: then a project leader reads it first. Only after that can others see it.",
  "moderation.nudge.postAnyway": "Post anyway",
  "moderation.nudge.example": "For example: \"Between 10 pm and midnight a group at the tunnel entrance shouts at cyclists.\"",

  "moderation.code.label": "I follow the code of conduct",
  "moderation.code.hintNew": "The code of conduct has changed (version {version}). Read the new version and tick this box to take part.",
  "moderation.code.link": "Read the code of conduct (opens in a new window)",
  "moderation.code.required": "Tick the box to say you follow the code of conduct.",

  "moderation.notice.hidden": "Hidden by the moderator: {reason}",
  "moderation.notice.flagged": "This text is hidden because several participants reported it. A project leader will look at it.",
  "moderation.notice.heldWording":
    "Awaiting approval: a project leader reads your text first, because it contains words about origin or appearance. Only you can see it now.",
  "moderation.notice.heldScreening":
    "Awaiting approval: in this round a project leader approves new participants first. Only you can see your text now.",
  "moderation.notice.heldForModerator": "Awaiting approval (only visible to the writer and project leaders).",
  "moderation.hiddenTitle": "Hidden {kind}",

  "moderation.flash.held": "Your text has been saved. A project leader reads it first; then everyone can see it. You will get an email.",

  "moderation.flag.link": "Report",
  "moderation.flag.linkLabel": "Report this {kind} to the project leader",
  "moderation.flag.title": "Report a text",
  "moderation.flag.intro":
    "Does this text go against the code of conduct? Then report it. A project leader looks at the report. When three people report the same text, we hide it until the project leader has looked at it.",
  "moderation.flag.quoteLabel": "The text you report",
  "moderation.flag.reasonLegend": "Why do you report this text?",
  "moderation.flag.reason.profiling": "Someone is described by origin, skin colour, religion or appearance",
  "moderation.flag.reason.accusation": "Someone is accused or can be recognised",
  "moderation.flag.reason.abuse": "Insults, threats or discrimination",
  "moderation.flag.reason.spam": "Advertising or spam",
  "moderation.flag.reason.other": "Something else",
  "moderation.flag.noteLabel": "Explanation (optional)",
  "moderation.flag.noteHint": "Only the project leader reads this.",
  "moderation.flag.submit": "Send report",
  "moderation.flag.cancel": "Go back without reporting",
  "moderation.flag.reasonRequired": "Choose why you report this text.",
  "moderation.flag.noteTooLong": "The explanation is too long. Use at most 500 characters.",
  "moderation.flag.own": "You cannot report your own text. You can change or delete it.",
  "moderation.flag.already": "You have already reported this text. A project leader will look at it.",
  "moderation.flag.alreadyHidden": "This text has already been hidden by the moderator.",
  "moderation.flag.done": "Thank you. Your report has been sent to the project leader.",
  "moderation.flag.doneHidden": "Thank you. The text is hidden until a project leader has looked at it.",

  "moderation.queue.title": "Moderation",
  "moderation.queue.intro":
    "Texts waiting for your decision: texts held by the wording check or by the screening of new participants, and texts that were reported.",
  "moderation.queue.tabOpen": "To review ({count})",
  "moderation.queue.tabHidden": "Hidden texts",
  "moderation.queue.tabsLabel": "Which texts",
  "moderation.queue.empty": "Nothing is waiting for a decision.",
  "moderation.queue.emptyHidden": "There are no hidden texts.",
  "moderation.queue.next": "Next texts",
  "moderation.queue.first": "Back to the start",
  "moderation.queue.itemTitle": "{kind} on: {context}",
  "moderation.queue.by": "Written by {name}",
  "moderation.queue.byDeleted": "Written by a deleted participant",
  "moderation.queue.blocked": "(blocked)",
  "moderation.queue.newParticipant": "(new participant)",
  "moderation.queue.written": "Posted on {date}",
  "moderation.queue.view": "View on the page",
  "moderation.queue.state.held": "Held",
  "moderation.queue.state.flagged": "Hidden after reports",
  "moderation.queue.state.hidden": "Hidden by the moderator",
  "moderation.queue.state.visible": "Visible, reported",
  "moderation.queue.heldWording": "Held by the wording check. Words found: {words}.",
  "moderation.queue.heldScreening": "Held: in this round you approve new participants first.",
  "moderation.queue.flags": "Reports ({count})",
  "moderation.queue.hiddenReason": "Reason: {reason}",
  "moderation.queue.approve": "Approve",
  "moderation.queue.approveFlagged": "Keep the text",
  "moderation.queue.approveParticipant": "Approve participant",
  "moderation.queue.approveParticipantHint": "Approves this participant for all rounds. Their texts waiting for this become visible.",
  "moderation.queue.hide": "Hide",
  "moderation.queue.restore": "Restore",
  "moderation.queue.reasonLabel": "Reason (everyone sees it in place of the text)",
  "moderation.queue.reasonHint": "For example: \"Describes people by their origin.\" The writer also gets this reason by email.",
  "moderation.queue.restoreReasonLabel": "Note for the writer (optional)",
  "moderation.queue.participant": "View or block participant",
  "moderation.queue.decisionsLabel": "Decision on this text",

  "moderation.flash.approved": "The text has been approved and is on the page.",
  "moderation.flash.hidden": "The text has been hidden. The writer gets an email with the reason.",
  "moderation.flash.restored": "The text is back on the page.",
  "moderation.flash.participantApproved": "The participant has been approved. {count} text(s) are now visible.",

  "moderation.error.reasonRequired": "Write down why you hide the text.",
  "moderation.error.reasonTooLong": "The reason is too long. Use at most 300 characters.",
  "moderation.error.nothingToRestore": "This text is already visible.",

  "moderation.mail.noReason": "(no explanation)",
  "moderation.mail.hidden.subject": "Your {kind} has been hidden",
  "moderation.mail.hidden.body":
    "Dear {name},\n\nA project leader has hidden your {kind} on \"{context}\". The reason is now shown in place of your text.\n\nReason: {reason}\n\nSee it here: {url}\n\nPlease also read the code of conduct: {codeUrl}",
  "moderation.mail.approved.subject": "Your {kind} is online",
  "moderation.mail.approved.body":
    "Dear {name},\n\nA project leader has read and approved your {kind} on \"{context}\". Everyone can see it now.\n\nNote: {reason}\n\nSee it here: {url}",
  "moderation.mail.restored.subject": "Your {kind} is visible again",
  "moderation.mail.restored.body":
    "Dear {name},\n\nYour {kind} on \"{context}\" was reported or hidden. A project leader has looked at it: the text is back on the page.\n\nNote: {reason}\n\nSee it here: {url}",
  "moderation.mail.object":
    "Do you disagree with this decision? Reply to this email within four weeks and say why. We will look at it again. You will get an answer within two weeks.",
  "moderation.mail.participant.subject": "You have been approved as a participant",
  "moderation.mail.participant.body":
    "Dear {name},\n\nA project leader has approved you as a participant of the Veranderlab. Your texts that were waiting for this can now be seen by everyone. What you write from now on is online at once.",
} satisfies Record<keyof typeof nl, string>;
