import { useCallback, useRef, useState } from 'react';

export type MapNotice = {
  id: number;
  tone: 'red' | 'orange' | 'green' | 'blue';
  title: string;
  message: string;
  /** An Issue to open from the notice. */
  pinId?: string;
};

/** The live map's notices: the last four, each gone after ten seconds or when dismissed. */
export function useMapNotices() {
  const [notices, setNotices] = useState<MapNotice[]>([]);
  const noticeSeq = useRef(0);

  const notify = useCallback((notice: Omit<MapNotice, 'id'>) => {
    const id = ++noticeSeq.current;
    setNotices((list) => [...list.slice(-3), { ...notice, id }]);
    setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), 10_000);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  return { notices, notify, dismiss };
}
