import { useState } from "preact/hooks";
import { adminToken } from "./admin-api.js";

/** Asks for the --admin-token once; it is kept for this tab (sessionStorage). */
export function TokenForm({ wrong, onToken }: { wrong: boolean; onToken: () => void }) {
  const [token, setToken] = useState("");
  return (
    <form
      class="panel token-form"
      aria-labelledby="token-heading"
      onSubmit={(event) => {
        event.preventDefault();
        adminToken.set(token);
        onToken();
      }}
    >
      <h2 id="token-heading">Admin token</h2>
      <p>
        This mock was started with <code>--admin-token</code>. Enter it to use the dashboard; it is
        kept for this tab only.
      </p>
      {wrong && <p role="alert">The mock refused that token.</p>}
      <label>
        Admin token{" "}
        <input
          type="password"
          required
          autocomplete="off"
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
      </label>{" "}
      <button type="submit">Use this token</button>
    </form>
  );
}
