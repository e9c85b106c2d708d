// PLACEHOLDER: replaced by the module that owns this route.
import { data } from "react-router";
export function loader() {
  throw data(null, { status: 404 });
}
export default function Placeholder() {
  return null;
}
