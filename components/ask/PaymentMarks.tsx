import { MARK_HEIGHT, MARK_WIDTH, PAYMENT_MARKS, markFontSize } from "@/lib/ask/payment-marks";

/** "We accept:" and the payment methods' marks, each an image named for screen readers. */
export function PaymentMarks({ id }: { id: string }) {
  return (
    <div className="methods">
      <span id={id}>We accept:</span>
      <ul aria-labelledby={id}>
        {PAYMENT_MARKS.map((mark) => (
          <li key={mark.name}>
            <svg
              role="img"
              aria-label={mark.name}
              width={MARK_WIDTH}
              height={MARK_HEIGHT}
              viewBox={`0 0 ${MARK_WIDTH} ${MARK_HEIGHT}`}
            >
              <rect
                x="0.5"
                y="0.5"
                width={MARK_WIDTH - 1}
                height={MARK_HEIGHT - 1}
                rx="4"
                fill={mark.background}
                stroke={mark.border ?? mark.background}
              />
              {mark.circles && (
                <>
                  <circle
                    cx={MARK_WIDTH / 2 - 5}
                    cy={MARK_HEIGHT / 2}
                    r="8"
                    fill={mark.circles[0]}
                  />
                  <circle
                    cx={MARK_WIDTH / 2 + 5}
                    cy={MARK_HEIGHT / 2}
                    r="8"
                    fill={mark.circles[1]}
                    fillOpacity="0.85"
                  />
                </>
              )}
              {mark.text.length > 0 && (
                <text
                  x={MARK_WIDTH / 2}
                  y={MARK_HEIGHT / 2}
                  textAnchor="middle"
                  dominantBaseline="central"
                  fontFamily="Arial, Helvetica, sans-serif"
                  fontWeight="700"
                  fontStyle={mark.italic ? "italic" : undefined}
                  fontSize={markFontSize(mark)}
                >
                  {mark.text.map(([run, colour]) => (
                    <tspan key={run} fill={colour}>
                      {run}
                    </tspan>
                  ))}
                </text>
              )}
            </svg>
          </li>
        ))}
      </ul>
    </div>
  );
}
