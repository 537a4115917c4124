'use client';
import { createOpenStore } from '@/components/ui/open-store';

/* Open state of the navigation drawer (narrow screens), shared by the header's "Navigation" button and the drawer. */
const store = createOpenStore();
export const setNavDrawerOpen = store.set;
export const useNavDrawerOpen = store.useOpen;
