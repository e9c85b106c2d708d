import { config } from "~/lib/config.server";
import { securityTxt } from "~/lib/security-txt";

/** `/.well-known/security.txt`: see app/lib/security-txt.ts and the page /kwetsbaarheid-melden. */
export function loader() {
  const { publicUrl, securityContact } = config();
  return new Response(securityTxt({ publicUrl, contact: securityContact, now: new Date() }), {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    },
  });
}
