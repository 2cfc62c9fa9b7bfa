// Shared styles load first, so feature folders' CSS (imported by their components) wins ties.
import '@glideapps/glide-data-grid/dist/index.css';
import './ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
