export function FilterError({ message }: { message: string }) {
  return (
    <p className="notice error-box" role="alert">
      {message}
    </p>
  );
}
