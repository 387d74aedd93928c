import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { TranscriptView } from '@/components/console/transcript-view';
import { signedInStaff } from '@/lib/auth/staff-page';
import { getStaffRuntime } from '@/lib/auth/staff-runtime';
import { loadConsoleConversation } from '@/lib/console/transcript';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Conversation ${id.slice(0, 8)}…` };
}

export default async function ConversationPage({ params }: Props) {
  const staff = await signedInStaff();
  if (!staff) redirect('/console/login');
  const { id } = await params;
  const conversation = await loadConsoleConversation((await getStaffRuntime()).db, id);
  if (!conversation) notFound();
  return <TranscriptView initial={conversation} me={{ id: staff.id, name: staff.name, role: staff.role }} />;
}
