/** What readers are told about the CAPTCHA, the same from the server's answers and the form's own check. */
export const CAPTCHA_MESSAGES = {
  /** Continue pressed before the widget gave a token (checked in the browser). */
  unsolved: "Please complete the check that you are not a robot, then press Continue.",
  /** The server found no token, or the provider refused it: solve the widget again. */
  retry: "Please complete the check that you are not a robot, then press Continue again.",
  /** The check could not be made (provider down, our keys wrong): nothing happened, try later. */
  unavailable:
    "We could not check that you are not a robot just now. Nothing was charged; please try again in a moment.",
} as const;
