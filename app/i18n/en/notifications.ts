import type { notifications as nl } from "../nl/notifications";

/** English texts for following knelpunten and mail about them. */
export const notifications = {
  "notify.mail.subject": "{title}: {status}",
  "notify.mail.body": "Hello {name},\n\nThere is news about a knelpunt you follow: {title}.\nThe status is now: {status}.\n{explanation}\nRead more: {url}\n\nYou get this email because you follow this knelpunt. Less email? Choose one email a day on My account: {settingsUrl}\nNo more email about knelpunten: {unsubscribeUrl}\n\nVeranderlab Veiligheid",
  "notify.digest.subject": "News about knelpunten you follow ({count})",
  "notify.digest.body": "Hello {name},\n\nThis changed since yesterday at knelpunten you follow:\n\n{lines}\n\nAnother choice for email? Go to My account: {settingsUrl}\nNo more email about knelpunten: {unsubscribeUrl}\n\nVeranderlab Veiligheid",

  "notify.follow": "Follow",
  "notify.unfollow": "Stop following",
  "notify.following": "You follow this knelpunt. You are told when its status changes or the municipality or police answer.",
  "notify.notFollowing": "Follow this knelpunt to be told when its status changes or the municipality or police answer.",
  "notify.flash.followed": "You now follow this knelpunt.",
  "notify.flash.unfollowed": "You no longer follow this knelpunt.",
  "notify.loginToFollow": "Log in to follow this knelpunt",

  "notify.settingsTitle": "Email about knelpunten you follow",
  "notify.settingsIntro": "You automatically follow the knelpunten you reported, supported or help with. You can also follow knelpunten yourself.",
  "notify.modeLegend": "How do you want to be told?",
  "notify.mode.direct": "An email at once for every change",
  "notify.mode.dagelijks": "One email a day with all changes",
  "notify.mode.nooit": "No email",
  "notify.save": "Save choice",
  "notify.flash.saved": "Your choice for email was saved.",
  "notify.error.mode": "Choose one of the options.",

  "notify.unsub.title": "Unsubscribe from email",
  "notify.unsub.intro": "Do you no longer want email about knelpunten you follow?",
  "notify.unsub.submit": "Yes, unsubscribe me",
  "notify.unsub.done": "You are unsubscribed. You will get no more email about knelpunten. You can turn it on again on My account.",
  "notify.unsub.forged": "This unsubscribe link is not right. Perhaps it was not copied completely. Log in and choose on My account which email you want.",
} satisfies Record<keyof typeof nl, string>;
