import { Form } from "react-router";
import { useT } from "~/i18n";
import { Button, Link, Paragraph } from "~/ui/components";

/** Follow or stop following a knelpunt (a plain form: works without JavaScript). */
export function FollowBox({ knelpuntId, following, signedIn }: { knelpuntId: number; following: boolean; signedIn: boolean }) {
  const t = useT();
  return (
    <section id="volgen" className="vl-follow" aria-labelledby="follow-title">
      <h2 id="follow-title" className="vl-visually-hidden">
        {t(following ? "notify.unfollow" : "notify.follow")}
      </h2>
      {signedIn ? (
        <Form method="post" action={`/knelpunten/${knelpuntId}/volgen`} className="vl-follow__form">
          <Paragraph>{t(following ? "notify.following" : "notify.notFollowing")}</Paragraph>
          <Button type="submit" name="intent" value={following ? "unfollow" : "follow"} variant="secondary">
            {t(following ? "notify.unfollow" : "notify.follow")}
          </Button>
        </Form>
      ) : (
        <Paragraph>
          <Link to={`/inloggen?redirectTo=${encodeURIComponent(`/knelpunten/${knelpuntId}#volgen`)}`}>{t("notify.loginToFollow")}</Link>
        </Paragraph>
      )}
    </section>
  );
}
