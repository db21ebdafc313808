import { db } from "@/lib/db";
import { exportPayments } from "@/lib/dashboard/exports";
import { route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const GET = route((request: Request) => exportPayments(db, request));
