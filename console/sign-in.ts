/**
 * The script of the sign-in and join pages: the browser's passkey prompt
 * (through @simplewebauthn/browser) and the ceremony endpoints under
 * /admin. A refusal is said in the page's alert; success goes to /admin.
 */
import { startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";

const message = document.querySelector<HTMLElement>("#sign-in-message");

function say(text: string) {
  if (message) message.textContent = text;
}

/** POSTs JSON to a ceremony endpoint; the answer's JSON, or an Error carrying the problem's detail. */
async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(data?.detail ?? `The server answered ${response.status}.`);
  return data as T;
}

/** Why the prompt failed, in the person's words: a dismissed prompt is not an error of theirs. */
function reasonOf(error: unknown): string {
  if (error instanceof WebAuthnError && error.code === "ERROR_CEREMONY_ABORTED")
    return "The prompt was closed.";
  if (error instanceof Error && error.name === "NotAllowedError") {
    return "No passkey was chosen, or the prompt timed out. Try again.";
  }
  return error instanceof Error ? error.message : String(error);
}

async function signIn(button: HTMLButtonElement) {
  button.disabled = true;
  say("");
  try {
    const options = await post<Parameters<typeof startAuthentication>[0]["optionsJSON"]>(
      "/admin/sign-in/options",
      {},
    );
    const response = await startAuthentication({ optionsJSON: options });
    await post("/admin/sign-in", { response });
    location.assign("/admin");
  } catch (error) {
    say(reasonOf(error));
    button.disabled = false;
  }
}

type JoinOptions = {
  person: { name: string; email: string };
  options: Parameters<typeof startRegistration>[0]["optionsJSON"];
};

async function join(form: HTMLFormElement, who: HTMLElement) {
  const invitation = location.hash.slice(1);
  if (!invitation) {
    who.textContent = "This link has no invitation in it. Open the whole link an admin gave you.";
    return;
  }
  let person: JoinOptions["person"];
  try {
    ({ person } = await post<JoinOptions>("/admin/join/options", { invitation }));
  } catch (error) {
    who.textContent = reasonOf(error);
    return;
  }
  who.textContent = `Welcome, ${person.name} (${person.email}). Make a passkey to sign in with.`;
  form.hidden = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    if (button) button.disabled = true;
    say("");
    try {
      // Each try takes a fresh challenge, as each may be answered only once.
      const { options } = await post<JoinOptions>("/admin/join/options", { invitation });
      const response = await startRegistration({ optionsJSON: options });
      const name = new FormData(form).get("name");
      await post("/admin/join", { invitation, name, response });
      location.assign("/admin");
    } catch (error) {
      say(reasonOf(error));
      if (button) button.disabled = false;
    }
  });
}

const ceremony = document.querySelector<HTMLElement>("[data-ceremony]");
if (ceremony?.dataset.ceremony === "sign-in") {
  const button = document.querySelector<HTMLButtonElement>("#passkey-sign-in");
  button?.addEventListener("click", () => signIn(button));
} else if (ceremony?.dataset.ceremony === "join") {
  const form = document.querySelector<HTMLFormElement>("#join");
  const who = document.querySelector<HTMLElement>("#join-who");
  if (form && who) join(form, who);
}
